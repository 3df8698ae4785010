import { outboxStatement, PaymentCompleted, PaymentInitiated } from '@linked-all/events';
import { log, newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { creditTopUp } from './operations';
import { outboxWhenPosted } from './outbox';

export type TopUp = {
  id: string;
  userId: string;
  provider: string;
  reference: string;
  amount: number;
  currency: CurrencyCode;
  status: 'pending' | 'paid' | 'failed';
};

/** Records a pending top-up; the wallet is credited only when the provider confirms it. */
export async function startTopUp(
  db: D1Database,
  input: { userId: string; provider: string; amount: number; currency: CurrencyCode },
  now = Date.now(),
): Promise<TopUp> {
  const id = newId('top', now);
  // Our id is the provider reference: it is unique and lets a webhook find the top-up.
  const topUp: TopUp = { id, reference: id, status: 'pending', ...input };
  await db.batch([
    db
      .prepare(
        `INSERT INTO topups (id, user_id, provider, reference, amount, currency, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .bind(id, input.userId, input.provider, id, input.amount, input.currency, now, now),
    outboxStatement(db, PaymentInitiated, { paymentId: id, ...input }, { now }),
  ]);
  return topUp;
}

export async function findTopUp(db: D1Database, provider: string, reference: string): Promise<TopUp | null> {
  return db
    .prepare(
      `SELECT id, user_id AS userId, provider, reference, amount, currency, status FROM topups
       WHERE provider = ? AND reference = ?`,
    )
    .bind(provider, reference)
    .first<TopUp>();
}

/**
 * The provider says the top-up was paid. Credits the wallet at most once (the entry's
 * external ref is the top-up id), and in the same batch marks the top-up paid and
 * queues payment.completed, both only if this call's entry is the one that landed.
 * A confirmation whose amount or currency differs from what we asked for moves nothing.
 */
export async function confirmTopUp(
  db: D1Database,
  topUp: TopUp,
  paid: { amount: number; currency: string },
  now = Date.now(),
): Promise<{ credited: boolean; reason?: string }> {
  if (topUp.status === 'failed') return { credited: false, reason: 'top-up already failed' };
  if (paid.amount !== topUp.amount || paid.currency !== topUp.currency) {
    log('error', 'top-up confirmation does not match the top-up', { topUpId: topUp.id, expected: topUp, paid });
    return { credited: false, reason: 'amount or currency mismatch' };
  }
  const { created } = await creditTopUp(
    { db, now },
    { ref: `topup:${topUp.id}`, userId: topUp.userId, provider: topUp.provider, amount: topUp.amount, currency: topUp.currency },
    (entryId) => [
      db
        .prepare(
          `UPDATE topups SET status = 'paid', updated_at = ? WHERE id = ?
           AND EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)`,
        )
        .bind(now, topUp.id, entryId),
      outboxWhenPosted(
        db,
        PaymentCompleted,
        {
          paymentId: topUp.id,
          userId: topUp.userId,
          amount: topUp.amount,
          currency: topUp.currency,
          provider: topUp.provider,
          journalEntryId: entryId,
        },
        entryId,
        now,
      ),
    ],
  );
  return { credited: created };
}
