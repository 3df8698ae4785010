import { log } from '@linked-all/http';
import { reconcileAfterMs, type Settlement, settleCharge } from '../providers/settle';
import { trialBalance } from './balances';
import { relayPaymentsOutbox } from './relay';
import { stalePendingCharges } from './topups';

export type Reconciliation = {
  checked: number;
  settled: Record<Settlement | 'error', number>;
  balanced: boolean;
};

/**
 * The cron's money check. Charges pending past RECONCILE_AFTER_SECONDS (an M-Pesa 1037, a lost
 * MoMo callback, a crash before the provider answered) are settled by a status query, each at
 * most once. Then the trial balance: if the books do not net to zero, log at error level and
 * write a metric, so an alert fires on the first run that sees it.
 */
export async function reconcile(env: PaymentsEnv, now = Date.now()): Promise<Reconciliation> {
  const stale = await stalePendingCharges(env.DB, now - reconcileAfterMs(env));
  const settled: Reconciliation['settled'] = { paid: 0, failed: 0, pending: 0, mismatch: 0, error: 0 };
  for (const charge of stale) {
    try {
      settled[await settleCharge(env, charge.id, undefined, now)]++;
    } catch (err) {
      // One provider being down must not stop the others from settling.
      settled.error++;
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
