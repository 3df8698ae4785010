import { outboxStatement, PaymentCompleted, PaymentFailed, PaymentInitiated } from '@linked-all/events';
import { log, newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import type { ProviderName } from '../../contract/enums';
import type { Charge } from '../providers/provider';
import { creditTopUp } from './operations';
import { outboxWhenPosted } from './outbox';

/**
 * Provider charges (table `topups`): a wallet top-up, or with an `orderId` a mobile-money payment
 * for an order. Either way the provider's money lands in the shopper's wallet, once.
 */
export type TopUp = Charge;

const COLUMNS = `id, user_id AS userId, provider, reference, provider_reference AS providerReference, amount, currency,
  order_id AS orderId, status, created_at AS createdAt`;

export type NewCharge = {
  userId: string;
  provider: string;
  amount: number;
  currency: CurrencyCode;
  orderId?: string;
  /** Known before the provider call when we choose it (MoMo's X-Reference-Id). */
  providerReference?: string;
  callbackTokenHash?: string;
};

/**
 * Records a pending charge and queues payment.initiated in one batch. With an `orderId` it is
 * idempotent by order: a second call finds the first charge and writes nothing (`created: false`).
 */
export async function recordCharge(
  db: D1Database,
  input: NewCharge,
  now = Date.now(),
): Promise<{ charge: Charge; created: boolean }> {
  const id = newId('top', now);
  // Our id is also the merchant reference we give the provider: unique, and it finds the charge.
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO topups (id, user_id, provider, reference, provider_reference, callback_token_hash, amount, currency, order_id, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
         ON CONFLICT (order_id) WHERE order_id IS NOT NULL DO NOTHING`,
      )
      .bind(
        id,
        input.userId,
        input.provider,
        id,
        input.providerReference ?? null,
        input.callbackTokenHash ?? null,
        input.amount,
        input.currency,
        input.orderId ?? null,
        now,
        now,
      ),
    outboxStatement(
      db,
      PaymentInitiated,
      {
        paymentId: id,
        userId: input.userId,
        amount: input.amount,
        currency: input.currency,
        provider: input.provider,
        orderId: input.orderId,
      },
      { now, when: { sql: 'EXISTS (SELECT 1 FROM topups WHERE id = ?)', args: [id] } },
    ),
  ]);
  if (inserted.meta.changes === 1) {
    const charge = await findCharge(db, id);
    if (charge) return { charge, created: true };
  }
  const existing = input.orderId ? await findChargeByOrder(db, input.orderId) : null;
  if (!existing) throw new Error(`charge ${id} was neither written nor found`);
  return { charge: existing, created: false };
}

/** Records a pending top-up; the wallet is credited only when the provider confirms it. */
export async function startTopUp(
  db: D1Database,
  input: { userId: string; provider: string; amount: number; currency: CurrencyCode },
  now = Date.now(),
): Promise<TopUp> {
  return (await recordCharge(db, input, now)).charge;
}

export async function findCharge(db: D1Database, id: string): Promise<Charge | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM topups WHERE id = ?`).bind(id).first<Charge>();
}

export async function findChargeByOrder(db: D1Database, orderId: string): Promise<Charge | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM topups WHERE order_id = ?`).bind(orderId).first<Charge>();
}

export async function findChargeByToken(db: D1Database, provider: ProviderName, tokenHash: string): Promise<Charge | null> {
  return db
    .prepare(`SELECT ${COLUMNS} FROM topups WHERE provider = ? AND callback_token_hash = ?`)
    .bind(provider, tokenHash)
    .first<Charge>();
}

export async function findTopUp(db: D1Database, provider: string, reference: string): Promise<TopUp | null> {
  return db
    .prepare(`SELECT ${COLUMNS} FROM topups WHERE provider = ? AND reference = ?`)
    .bind(provider, reference)
    .first<TopUp>();
}

/**
 * Pending charges created before `before` whose next check is due at `now`, the longest-waiting
 * first: the reconciliation cron's work list. Charges that stay pending are pushed back by
 * `deferCheck`, so they cannot fill the window and starve newer stuck charges.
 */
export async function stalePendingCharges(db: D1Database, before: number, now: number, limit = 50): Promise<Charge[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM topups WHERE status = 'pending' AND created_at <= ? AND COALESCE(next_check_at, 0) <= ?
       ORDER BY COALESCE(next_check_at, created_at), created_at LIMIT ?`,
    )
    .bind(before, now, limit)
    .all<Charge>();
  return results;
}

/** The provider still says pending: ask again at `at`. */
export async function deferCheck(db: D1Database, id: string, at: number) {
  await db.prepare("UPDATE topups SET next_check_at = ? WHERE id = ? AND status = 'pending'").bind(at, id).run();
}

/**
 * The provider's reference a recorded callback carried for this charge. Only meaningful for token
 * providers, where the charge was matched by the secret in the callback URL, not by the reference.
 */
export async function callbackReferenceOf(db: D1Database, chargeId: string): Promise<string | null> {
  return db
    .prepare('SELECT reference FROM provider_events WHERE charge_id = ? ORDER BY received_at LIMIT 1')
    .bind(chargeId)
    .first<string>('reference');
}

/** The provider accepted the charge under its own id (M-Pesa's CheckoutRequestID). */
export async function setProviderReference(db: D1Database, id: string, providerReference: string, now = Date.now()) {
  await db
    .prepare('UPDATE topups SET provider_reference = ?, updated_at = ? WHERE id = ? AND provider_reference IS NULL')
    .bind(providerReference, now, id)
    .run();
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
          orderId: topUp.orderId ?? undefined,
        },
        entryId,
        now,
      ),
    ],
  );
  return { credited: created };
}

/**
 * The provider says the charge will never be paid. Marks it failed and queues payment.failed,
 * both at most once: the event is written only if this call's update changed the row.
 */
export async function failTopUp(db: D1Database, charge: Charge, reason: string, now = Date.now()): Promise<{ failed: boolean }> {
  const [updated] = await db.batch([
    db
      .prepare(`UPDATE topups SET status = 'failed', failure_reason = ?, updated_at = ? WHERE id = ? AND status = 'pending'`)
      .bind(reason.slice(0, 300), now, charge.id),
    outboxStatement(
      db,
      PaymentFailed,
      {
        paymentId: charge.id,
        userId: charge.userId,
        amount: charge.amount,
        currency: charge.currency,
        provider: charge.provider,
        reason: reason.slice(0, 300),
        orderId: charge.orderId ?? undefined,
      },
      // changes() is the row count of the UPDATE just before it in this batch (one connection, in order).
      { now, when: { sql: 'changes() = 1', args: [] } },
    ),
  ]);
  return { failed: updated.meta.changes === 1 };
}
