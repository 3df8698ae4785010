import { log } from '@linked-all/http';
import { metricsSink } from '@linked-all/metrics';
import { callbackReferenceOf, confirmTopUp, failTopUp, findCharge, setProviderReference } from '../domain/topups';
import { providerFor } from './index';
import type { Charge, ParsedCallback } from './provider';

export type Settlement = 'paid' | 'failed' | 'pending' | 'mismatch';

/** How long a charge may stay pending before the cron asks the provider (RECONCILE_AFTER_SECONDS, default 2 min). */
export function reconcileAfterMs(env: Pick<PaymentsEnv, 'RECONCILE_AFTER_SECONDS'>): number {
  const seconds = Number(env.RECONCILE_AFTER_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 120) * 1000;
}

/**
 * Verify before fulfil: asks the provider for the charge's status and acts only on what the
 * provider itself says. Paid credits the wallet once (confirmTopUp), failed/cancelled marks it
 * failed once (failTopUp), anything else leaves it pending. Safe to call any number of times.
 */
export async function settleCharge(
  env: PaymentsEnv,
  chargeId: string,
  hint?: ParsedCallback,
  now = Date.now(),
): Promise<Settlement> {
  const charge = await findCharge(env.DB, chargeId);
  if (!charge) throw new Error(`no charge ${chargeId}`);
  if (charge.status !== 'pending') return charge.status;
  return settlePending(env, charge, hint, now);
}

async function settlePending(
  env: PaymentsEnv,
  found: Charge,
  hint: ParsedCallback | undefined,
  now: number,
): Promise<Settlement> {
  const provider = providerFor(found.provider, env);
  const charge =
    !found.providerReference && provider.callbackAuth === 'token' ? await adoptCallbackReference(env, found, hint, now) : found;
  // A callback can overtake our own write of the provider's id (M-Pesa answers the push, then the
  // shopper pays in seconds): without the id nothing can be asked yet, so wait for the cron.
  if (!charge.providerReference && now - charge.createdAt < reconcileAfterMs(env)) return 'pending';
  const status = await provider.queryStatus(charge, hint);
  if (status.status === 'pending') return 'pending';
  if (status.status === 'paid') {
    const confirmed = await confirmTopUp(
      env.DB,
      charge,
      { amount: status.amount ?? Number.NaN, currency: status.currency ?? '' },
      now,
    );
    if (confirmed.reason === 'amount or currency mismatch') return 'mismatch';
    log('info', 'charge paid', { chargeId: charge.id, provider: charge.provider, credited: confirmed.credited });
    await metricsSink(env).write({ ...paymentPoint(charge), outcome: 'succeeded' });
    return 'paid';
  }
  await failTopUp(
    env.DB,
    charge,
    status.status === 'cancelled' ? `cancelled: ${status.reason ?? ''}` : (status.reason ?? 'failed'),
    now,
  );
  log('info', 'charge failed', { chargeId: charge.id, provider: charge.provider, reason: status.reason });
  await metricsSink(env).write({ ...paymentPoint(charge), outcome: 'failed' });
  return 'failed';
}

/**
 * Our write of the provider's id can be lost (D1 error or a crash after M-Pesa accepted the push).
 * A callback that reached the charge's secret URL names that id, so it is the provider's own word:
 * keep it and query with it, rather than conclude the push never reached the provider.
 */
async function adoptCallbackReference(
  env: PaymentsEnv,
  charge: Charge,
  hint: ParsedCallback | undefined,
  now: number,
): Promise<Charge> {
  const reference = hint?.reference ?? (await callbackReferenceOf(env.DB, charge.id));
  if (!reference) return charge;
  await setProviderReference(env.DB, charge.id, reference, now);
  log('warn', 'provider reference recovered from a verified callback', { chargeId: charge.id, provider: charge.provider });
  return { ...charge, providerReference: reference };
}

/** Payment success per provider on the dashboard: one point per settled charge. */
function paymentPoint(charge: Charge) {
  return {
    kind: 'payment',
    service: 'payments',
    provider: charge.provider,
    currency: charge.currency,
    amount: charge.amount,
  } as const;
}
