import { log } from '@linked-all/http';
import { resubmitStalePayouts } from '../payouts/submit';
import { releaseDue } from './release';
import { finishStuckVoids } from './void';

/**
 * The cron's checkout work: release vendor orders whose return window closed, finish voids a
 * crash left half done, and resubmit payouts an outage left unsent. Each job is idempotent; one failing never stops the others
 * (nor the outbox relay after them).
 */
export async function runCheckoutJobs(
  env: PaymentsEnv,
  defer: (work: Promise<unknown>) => void,
  now = Date.now(),
): Promise<{ released: number; voids: number; payouts: number }> {
  const outcome = { released: 0, voids: 0, payouts: 0 };
  try {
    outcome.released = await releaseDue({ db: env.DB, now });
  } catch (err) {
    log('error', 'release job failed; the next run retries', { error: err instanceof Error ? err.message : String(err) });
  }
  try {
    outcome.voids = await finishStuckVoids({ db: env.DB, now });
  } catch (err) {
    log('error', 'finishing stuck voids failed; the next run retries', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
  try {
    outcome.payouts = await resubmitStalePayouts({ env, defer, now });
  } catch (err) {
    log('error', 'resubmitting payouts failed; the next run retries', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
  return outcome;
}
