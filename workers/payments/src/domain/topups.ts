import { statement } from '@linked-all/db';
import { outboxStatement, PaymentCompleted, PaymentFailed, PaymentInitiated } from '@linked-all/events';
import { log, newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { and, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { ProviderName } from '../../contract/enums';
import { posted } from '../checkout/state';
import { orm } from '../db/orm';
import { providerEvents, topups } from '../db/schema';
import type { Charge } from '../providers/provider';
import { creditTopUp } from './operations';
import { outboxWhenPosted } from './outbox';

/**
 * Provider charges (table `topups`): a wallet top-up, or with an `orderId` a mobile-money payment
 * for an order. Either way the provider's money lands in the shopper's wallet, once.
 */
export type TopUp = Charge;

const COLUMNS = {
  id: topups.id,
  userId: topups.userId,
  provider: topups.provider,
  reference: topups.reference,
  providerReference: topups.providerReference,
  amount: topups.amount,
  currency: topups.currency,
  orderId: topups.orderId,
  status: topups.status,
  createdAt: topups.createdAt,
} satisfies { [K in keyof Charge]: unknown };

/** One charge by a condition, or null. */
async function chargeWhere(db: D1Database, where: SQL | undefined): Promise<Charge | null> {
  return (await orm(db).select(COLUMNS).from(topups).where(where).get()) ?? null;
}

export type NewCharge = {
  userId: string;
  provider: ProviderName;
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
    statement(
      db,
      orm(db)
        .insert(topups)
        .values({
          id,
          userId: input.userId,
          provider: input.provider,
          reference: id,
          providerReference: input.providerReference ?? null,
          callbackTokenHash: input.callbackTokenHash ?? null,
          amount: input.amount,
          currency: input.currency,
          orderId: input.orderId ?? null,
          status: 'pending',
          createdAt: now,
          updatedAt: now,
        })
        // The unique index on order_id is partial (top-ups have none): the target names its WHERE.
        .onConflictDoNothing({ target: sql`${topups.orderId}) WHERE (${topups.orderId} IS NOT NULL` }),
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
  input: { userId: string; provider: ProviderName; amount: number; currency: CurrencyCode },
  now = Date.now(),
): Promise<TopUp> {
  return (await recordCharge(db, input, now)).charge;
}

export async function findCharge(db: D1Database, id: string): Promise<Charge | null> {
  return chargeWhere(db, eq(topups.id, id));
}

export async function findChargeByOrder(db: D1Database, orderId: string): Promise<Charge | null> {
  return chargeWhere(db, eq(topups.orderId, orderId));
}

export async function findChargeByToken(db: D1Database, provider: ProviderName, tokenHash: string): Promise<Charge | null> {
  return chargeWhere(db, and(eq(topups.provider, provider), eq(topups.callbackTokenHash, tokenHash)));
}

export async function findTopUp(db: D1Database, provider: string, reference: string): Promise<TopUp | null> {
  return chargeWhere(db, and(sql`${topups.provider} = ${provider}`, eq(topups.reference, reference)));
}

/**
 * Pending charges created before `before` whose next check is due at `now`, the longest-waiting
 * first: the reconciliation cron's work list. Charges that stay pending are pushed back by
 * `deferCheck`, so they cannot fill the window and starve newer stuck charges.
 */
export async function stalePendingCharges(db: D1Database, before: number, now: number, limit = 50): Promise<Charge[]> {
  return orm(db)
    .select(COLUMNS)
    .from(topups)
    .where(and(eq(topups.status, 'pending'), lte(topups.createdAt, before), sql`COALESCE(${topups.nextCheckAt}, 0) <= ${now}`))
    .orderBy(sql`COALESCE(${topups.nextCheckAt}, ${topups.createdAt})`, topups.createdAt)
    .limit(limit);
}

/** The provider still says pending: ask again at `at`. */
export async function deferCheck(db: D1Database, id: string, at: number) {
  await orm(db)
    .update(topups)
    .set({ nextCheckAt: at })
    .where(and(eq(topups.id, id), eq(topups.status, 'pending')));
}

/**
 * The provider's reference a recorded callback carried for this charge. Only meaningful for token
 * providers, where the charge was matched by the secret in the callback URL, not by the reference.
 */
export async function callbackReferenceOf(db: D1Database, chargeId: string): Promise<string | null> {
  const row = await orm(db)
    .select({ reference: providerEvents.reference })
    .from(providerEvents)
    .where(eq(providerEvents.chargeId, chargeId))
    .orderBy(providerEvents.receivedAt)
    .get();
  return row?.reference ?? null;
}

/** The provider accepted the charge under its own id (M-Pesa's CheckoutRequestID). */
export async function setProviderReference(db: D1Database, id: string, providerReference: string, now = Date.now()) {
  await orm(db)
    .update(topups)
    .set({ providerReference, updatedAt: now })
    .where(and(eq(topups.id, id), isNull(topups.providerReference)));
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
      statement(
        db,
        orm(db)
          .update(topups)
          .set({ status: 'paid', updatedAt: now })
          .where(and(eq(topups.id, topUp.id), posted(entryId))),
      ),
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
    statement(
      db,
      orm(db)
        .update(topups)
        .set({ status: 'failed', failureReason: reason.slice(0, 300), updatedAt: now })
        .where(and(eq(topups.id, charge.id), eq(topups.status, 'pending'))),
    ),
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
