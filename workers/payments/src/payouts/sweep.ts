import { log } from '@linked-all/http';
import { and, eq, lt } from 'drizzle-orm';
import { orm } from '../db/orm';
import { payouts } from '../db/schema';
import { failPayout, findPayout } from './payouts';

/** How long a submitted payout may wait for its B2C result before an operator is told. */
const RESULT_OVERDUE_MS = 3600_000;

export type PayoutSweep = { reversed: number; overdue: number };

/**
 * Finishes what a crash interrupted. A `failing` payout was claimed but its money not yet given
 * back: failPayout resumes from the claim (the reversal is idempotent by its ref). A `submitted`
 * payout whose result never came cannot be asked about (the B2C adapter has no transaction-status
 * query yet), so it is flagged for an operator at error level, once an hour, never guessed at.
 */
export async function sweepStuckPayouts(env: PaymentsEnv, now = Date.now(), limit = 20): Promise<PayoutSweep> {
  const db = env.DB;
  const d = orm(db);
  const failing = await d
    .select({ id: payouts.id })
    .from(payouts)
    .where(eq(payouts.status, 'failing'))
    .orderBy(payouts.updatedAt)
    .limit(limit);
  let reversed = 0;
  for (const { id } of failing) {
    const payout = await findPayout(db, id);
    if (!payout) continue;
    const done = await failPayout({ db, now }, payout, payout.failureReason ?? 'failed');
    if (done.status === 'failed') reversed++;
  }

  const overdue = await d
    .select({ id: payouts.id, conversationId: payouts.conversationId })
    .from(payouts)
    .where(and(eq(payouts.status, 'submitted'), lt(payouts.updatedAt, now - RESULT_OVERDUE_MS)))
    .limit(limit);
  for (const row of overdue) {
    log('error', 'payout result overdue; check it at M-Pesa and settle it by hand', {
      payoutId: row.id,
      conversationId: row.conversationId,
    });
    await d
      .update(payouts)
      .set({ updatedAt: now })
      .where(and(eq(payouts.id, row.id), eq(payouts.status, 'submitted')));
  }
  return { reversed, overdue: overdue.length };
}
