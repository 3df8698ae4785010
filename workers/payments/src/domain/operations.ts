import { AppError } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { ensureAccount } from './accounts';
import { type PostEntryResult, postEntry } from './post-entry';

/**
 * The money movements of the marketplace, each one balanced entry under the caller's
 * idempotency key. Retrying any of them with the same `ref` writes nothing new.
 */
type Ctx = { db: D1Database; now?: number };

function positive(amount: number) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('validation_failed', 'Amounts are positive integers');
}

/** A provider confirmed money in: the provider owes us, the shopper's wallet goes up. */
export async function creditTopUp(
  { db, now }: Ctx,
  input: { ref: string; userId: string; provider: string; amount: number; currency: CurrencyCode },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult> {
  positive(input.amount);
  // Independent lookups: one round trip, not two.
  const [clearing, wallet] = await Promise.all([
    ensureAccount(db, 'provider_clearing', input.provider, input.currency, now),
    ensureAccount(db, 'shopper_wallet', input.userId, input.currency, now),
  ]);
  return postEntry(db, {
    externalRef: input.ref,
    kind: 'topup',
    now,
    also,
    lines: [
      { account: clearing, amount: -input.amount, currency: input.currency },
      { account: wallet, amount: input.amount, currency: input.currency },
    ],
  });
}

/** A wallet purchase: the shopper pays the gross, the vendor's share is held pending, we keep the commission. */
export async function payFromWallet(
  { db, now }: Ctx,
  input: { ref: string; userId: string; vendorId: string; amount: number; commission: number; currency: CurrencyCode },
): Promise<PostEntryResult> {
  positive(input.amount);
  if (!Number.isSafeInteger(input.commission) || input.commission < 0 || input.commission >= input.amount) {
    throw new AppError('validation_failed', 'The commission is a whole amount below the price');
  }
  // Independent lookups: one round trip, not two.
  const [wallet, pending] = await Promise.all([
    ensureAccount(db, 'shopper_wallet', input.userId, input.currency, now),
    ensureAccount(db, 'vendor_pending', input.vendorId, input.currency, now),
  ]);
  const lines = [
    { account: wallet, amount: -input.amount, currency: input.currency },
    { account: pending, amount: input.amount - input.commission, currency: input.currency },
  ];
  if (input.commission > 0) {
    const commission = await ensureAccount(db, 'platform_commission', null, input.currency, now);
    lines.push({ account: commission, amount: input.commission, currency: input.currency });
  }
  return postEntry(db, { externalRef: input.ref, kind: 'purchase', now, lines });
}

/** Reverses a purchase before release: the vendor's pending share and our commission go back to the wallet. */
export async function refundToWallet(
  { db, now }: Ctx,
  input: { ref: string; userId: string; vendorId: string; amount: number; commission: number; currency: CurrencyCode },
): Promise<PostEntryResult> {
  positive(input.amount);
  // Independent lookups: one round trip, not two.
  const [wallet, pending] = await Promise.all([
    ensureAccount(db, 'shopper_wallet', input.userId, input.currency, now),
    ensureAccount(db, 'vendor_pending', input.vendorId, input.currency, now),
  ]);
  const lines = [
    { account: pending, amount: -(input.amount - input.commission), currency: input.currency },
    { account: wallet, amount: input.amount, currency: input.currency },
  ];
  if (input.commission > 0) {
    const commission = await ensureAccount(db, 'platform_commission', null, input.currency, now);
    lines.push({ account: commission, amount: -input.commission, currency: input.currency });
  }
  return postEntry(db, { externalRef: input.ref, kind: 'refund', now, lines });
}

/** Delivery confirmed and the return window closed: the vendor's share becomes payable. */
export async function releaseToPayable(
  { db, now }: Ctx,
  input: { ref: string; vendorId: string; amount: number; currency: CurrencyCode },
): Promise<PostEntryResult> {
  positive(input.amount);
  // Independent lookups: one round trip, not two.
  const [pending, payable] = await Promise.all([
    ensureAccount(db, 'vendor_pending', input.vendorId, input.currency, now),
    ensureAccount(db, 'vendor_payable', input.vendorId, input.currency, now),
  ]);
  return postEntry(db, {
    externalRef: input.ref,
    kind: 'release',
    now,
    lines: [
      { account: pending, amount: -input.amount, currency: input.currency },
      { account: payable, amount: input.amount, currency: input.currency },
    ],
  });
}

/** A payout to the vendor's mobile money: payable goes down, the provider's clearing account settles. */
export async function payOut(
  { db, now }: Ctx,
  input: { ref: string; vendorId: string; provider: string; amount: number; currency: CurrencyCode },
): Promise<PostEntryResult> {
  positive(input.amount);
  // Independent lookups: one round trip, not two.
  const [payable, clearing] = await Promise.all([
    ensureAccount(db, 'vendor_payable', input.vendorId, input.currency, now),
    ensureAccount(db, 'provider_clearing', input.provider, input.currency, now),
  ]);
  return postEntry(db, {
    externalRef: input.ref,
    kind: 'payout',
    now,
    lines: [
      { account: payable, amount: -input.amount, currency: input.currency },
      { account: clearing, amount: input.amount, currency: input.currency },
    ],
  });
}
