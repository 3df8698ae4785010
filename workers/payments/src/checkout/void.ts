import { statement } from '@linked-all/db';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { payments, paymentVoids, vendorOrderPayments } from '../db/schema';
import { reverseEntry } from '../domain/operations';
import { findPayment, posted } from './state';

export type VoidResult =
  | { ok: true; status: 'voided' | 'nothing_to_void' }
  | { ok: false; reason: 'already_captured' | 'not_voidable' };

type Ctx = { db: D1Database; now?: number };

/**
 * The checkout's compensation before capture: reverses the authorize entry exactly once
 * (`void:<orderId>`), or cancels a pay-on-delivery record (no money moved). Leaves a
 * tombstone first, so an authorize still in flight is refused or undoes itself.
 */
export async function voidPayment(
  { db, now = Date.now() }: Ctx,
  input: { orderId: string; reason: string },
): Promise<VoidResult> {
  const d = orm(db);
  await d
    .insert(paymentVoids)
    .values({ orderId: input.orderId, reason: input.reason, voidedAt: now })
    .onConflictDoNothing({ target: paymentVoids.orderId });
  const payment = await findPayment(db, input.orderId);
  if (!payment) return { ok: true, status: 'nothing_to_void' };
  if (payment.status === 'voided') return { ok: true, status: 'voided' };
  if (payment.capturedAt !== null) return { ok: false, reason: 'already_captured' };

  if (payment.method === 'pay_on_delivery') {
    // No money moved; a record that a rider already collected on is no longer voidable.
    await d.batch([
      d
        .update(payments)
        .set({ status: 'voided', updatedAt: now })
        .where(
          and(
            eq(payments.orderId, input.orderId),
            eq(payments.status, 'pay_on_delivery'),
            isNull(payments.capturedAt),
            sql`NOT EXISTS (SELECT 1 FROM ${vendorOrderPayments} WHERE ${vendorOrderPayments.orderId} = ${input.orderId} AND ${vendorOrderPayments.status} <> 'pay_on_delivery')`,
          ),
        ),
      d
        .update(vendorOrderPayments)
        .set({ status: 'voided', updatedAt: now })
        .where(
          and(
            eq(vendorOrderPayments.orderId, input.orderId),
            sql`EXISTS (SELECT 1 FROM ${payments} WHERE ${payments.orderId} = ${input.orderId} AND ${payments.status} = 'voided')`,
          ),
        ),
    ]);
    const after = await findPayment(db, input.orderId);
    if (after?.status === 'voided') return { ok: true, status: 'voided' };
    return { ok: false, reason: after?.capturedAt ? 'already_captured' : 'not_voidable' };
  }

  // Claim authorized → voiding: from here capture refuses, and only a void may finish it.
  const claim = await d
    .update(payments)
    .set({ status: 'voiding', updatedAt: now })
    .where(and(eq(payments.orderId, input.orderId), eq(payments.status, 'authorized')));
  if (claim.meta.changes === 0) {
    const current = await findPayment(db, input.orderId);
    if (current?.status === 'voided') return { ok: true, status: 'voided' };
    if (current?.status !== 'voiding') return { ok: false, reason: 'already_captured' };
  }
  await finishVoid({ db, now }, input.orderId);
  return { ok: true, status: 'voided' };
}

/** Posts the reversal of a claimed (`voiding`) payment and marks it voided, in one batch. */
export async function finishVoid({ db, now = Date.now() }: Ctx, orderId: string): Promise<void> {
  const reversed = await reverseEntry(
    { db, now },
    { ref: `void:${orderId}`, kind: 'void', originalRef: `order:${orderId}` },
    (entryId) => [
      statement(
        db,
        orm(db)
          .update(payments)
          .set({ status: 'voided', updatedAt: now })
          .where(and(eq(payments.orderId, orderId), eq(payments.status, 'voiding'), posted(entryId))),
      ),
      statement(
        db,
        orm(db)
          .update(vendorOrderPayments)
          .set({ status: 'voided', updatedAt: now })
          .where(and(eq(vendorOrderPayments.orderId, orderId), eq(vendorOrderPayments.status, 'authorized'), posted(entryId))),
      ),
    ],
  );
  if (!reversed) throw new Error(`Order ${orderId} has a wallet payment but no authorize entry`);
}

/** Finishes voids a crash left half done (claimed, reversal not posted). Run from the cron. */
export async function finishStuckVoids({ db, now = Date.now() }: Ctx, limit = 50): Promise<number> {
  const results = await orm(db)
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(eq(payments.status, 'voiding'), lt(payments.updatedAt, now - 60_000)))
    .limit(limit);
  for (const { orderId } of results) await finishVoid({ db, now }, orderId);
  return results.length;
}
