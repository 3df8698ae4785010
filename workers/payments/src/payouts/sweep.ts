import { log } from '@linked-all/http';
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
  const failing = await db
    .prepare("SELECT id FROM payouts WHERE status = 'failing' ORDER BY updated_at LIMIT ?")
    .bind(limit)
    .all<{ id: string }>();
  let reversed = 0;
  for (const { id } of failing.results) {
    const payout = await findPayout(db, id);
    if (!payout) continue;
    const done = await failPayout({ db, now }, payout, payout.failureReason ?? 'failed');
    if (done.status === 'failed') reversed++;
  }

  const overdue = await db
    .prepare("SELECT id, conversation_id AS conversationId FROM payouts WHERE status = 'submitted' AND updated_at < ? LIMIT ?")
    .bind(now - RESULT_OVERDUE_MS, limit)
    .all<{ id: string; conversationId: string | null }>();
  for (const row of overdue.results) {
    log('error', 'payout result overdue; check it at M-Pesa and settle it by hand', {
      payoutId: row.id,
      conversationId: row.conversationId,
    });
    await db.prepare("UPDATE payouts SET updated_at = ? WHERE id = ? AND status = 'submitted'").bind(now, row.id).run();
  }
  return { reversed, overdue: overdue.results.length };
}
