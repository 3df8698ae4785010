import { log } from '@linked-all/http';
import { reconcileAfterMs, type Settlement, settleCharge } from '../providers/settle';
import { trialBalance } from './balances';
import { relayPaymentsOutbox } from './relay';
import { deferCheck, failTopUp, stalePendingCharges } from './topups';

/** Longest wait between two status queries of one charge. */
const MAX_CHECK_INTERVAL_MS = 3600_000;
/** A charge still pending after this long is given up (`expired`): no provider keeps a push open for a day. */
export const MAX_PENDING_MS = 24 * 3600_000;

const nextCheckAt = (now: number, age: number, threshold: number) =>
  now + Math.min(MAX_CHECK_INTERVAL_MS, Math.max(threshold, age));

export type Reconciliation = {
  checked: number;
  settled: Record<Settlement | 'expired' | 'error', number>;
  balanced: boolean;
};

/**
 * The cron's money check. Charges pending past RECONCILE_AFTER_SECONDS (an M-Pesa 1037, a lost
 * MoMo callback, a crash before the provider answered) are settled by a status query, each at
 * most once. Then the trial balance: if the books do not net to zero, log at error level and
 * write a metric, so an alert fires on the first run that sees it.
 */
export async function reconcile(env: PaymentsEnv, now = Date.now()): Promise<Reconciliation> {
  const threshold = reconcileAfterMs(env);
  const stale = await stalePendingCharges(env.DB, now - threshold, now);
  const settled: Reconciliation['settled'] = { paid: 0, failed: 0, pending: 0, mismatch: 0, expired: 0, error: 0 };
  for (const charge of stale) {
    try {
      const outcome = await settleCharge(env, charge.id, undefined, now);
      const age = now - charge.createdAt;
      if (outcome === 'pending' && age >= MAX_PENDING_MS) {
        // Asked once more just now and still not final: stop asking, and let the order move on.
        await failTopUp(env.DB, charge, 'expired', now);
        settled.expired++;
        continue;
      }
      if (outcome === 'pending' || outcome === 'mismatch') {
        // Back off by the charge's age (each wait about doubles it), so forever-pending charges
        // are asked rarely and the window stays free for newer stuck ones.
        await deferCheck(env.DB, charge.id, nextCheckAt(now, age, threshold));
      }
      settled[outcome]++;
    } catch (err) {
      // One provider being down must not stop the others from settling.
      settled.error++;
      // A charge no adapter can serve must not come back every run and fill the window either.
      await deferCheck(env.DB, charge.id, nextCheckAt(now, now - charge.createdAt, threshold)).catch((deferErr: unknown) =>
        log('warn', 'could not defer a charge', { chargeId: charge.id, error: String(deferErr) }),
      );
      log('warn', 'reconciliation could not settle a charge', {
        chargeId: charge.id,
        provider: charge.provider,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  if (stale.length > 0) await relayPaymentsOutbox(env);

  const trial = await trialBalance(env.DB);
  if (!trial.balanced) {
    const off = trial.currencies.filter((c) => c.total !== 0);
    log('error', 'ledger trial balance is not zero', { currencies: off, unbalancedEntries: trial.unbalancedEntries });
    env.METRICS.writeDataPoint({
      indexes: ['ledger_unbalanced'],
      blobs: [
        'ledger_unbalanced',
        off.map((c) => `${c.currency}:${c.total}`).join(','),
        trial.unbalancedEntries.slice(0, 20).join(','),
      ],
      doubles: [trial.unbalancedEntries.length, off.length],
    });
  }
  return { checked: stale.length, settled, balanced: trial.balanced };
}
