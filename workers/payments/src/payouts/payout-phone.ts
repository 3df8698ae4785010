import { type Principal, vendorOf } from '@linked-all/auth';
import { AppError, guardedCall, traced } from '@linked-all/http';

const IDENTITY_DEADLINE_MS = 4_000;

/**
 * Where a payout may go. The owner names any number of the payout rail (the vendor app sends the
 * shop's payout phone); a staff member with the finance permission may only pay out to the shop's
 * payout phone, which only the owner can change (SMS-verified, audited) — otherwise anyone trusted
 * with the shop's money screen could send its balance to their own wallet.
 */
export async function assertPayoutPhoneAllowed(env: PaymentsEnv, caller: Principal | null, phone: string | undefined) {
  if (!caller || caller.vendorRole === 'owner' || phone === undefined) return;
  const shopPhone = await guardedCall('identity', { deadlineMs: IDENTITY_DEADLINE_MS }, () =>
    Promise.resolve(traced(env.IDENTITY).payoutPhone(vendorOf(caller))),
  );
  if (phone !== shopPhone) {
    throw new AppError('forbidden', "Only the shop owner can pay out to a number other than the shop's payout phone", {
      errors: [{ path: 'phone', message: "Not the shop's payout phone" }],
    });
  }
}
