import { reverseEntry } from '../domain/operations';
import { findPayment, whenPosted } from './state';

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
  await db
    .prepare('INSERT INTO payment_voids (order_id, reason, voided_at) VALUES (?, ?, ?) ON CONFLICT (order_id) DO NOTHING')
    .bind(input.orderId, input.reason, now)
    .run();
  const payment = await findPayment(db, input.orderId);
  if (!payment) return { ok: true, status: 'nothing_to_void' };
  if (payment.status === 'voided') return { ok: true, status: 'voided' };
  if (payment.capturedAt !== null) return { ok: false, reason: 'already_captured' };

  if (payment.method === 'pay_on_delivery') {
    // No money moved; a record that a rider already collected on is no longer voidable.
    await db.batch([
      db
        .prepare(
          "UPDATE payments SET status = 'voided', updated_at = ? WHERE order_id = ? AND status = 'pay_on_delivery' AND captured_at IS NULL AND NOT EXISTS (SELECT 1 FROM vendor_order_payments WHERE order_id = ? AND status <> 'pay_on_delivery')",
        )
        .bind(now, input.orderId, input.orderId),
      db
        .prepare(
          "UPDATE vendor_order_payments SET status = 'voided', updated_at = ? WHERE order_id = ? AND EXISTS (SELECT 1 FROM payments WHERE order_id = ? AND status = 'voided')",
        )
        .bind(now, input.orderId, input.orderId),
    ]);
    const after = await findPayment(db, input.orderId);
    if (after?.status === 'voided') return { ok: true, status: 'voided' };
    return { ok: false, reason: after?.capturedAt ? 'already_captured' : 'not_voidable' };
  }

  // Claim authorized → voiding: from here capture refuses, and only a void may finish it.
  const claim = await db
    .prepare("UPDATE payments SET status = 'voiding', updated_at = ? WHERE order_id = ? AND status = 'authorized'")
    .bind(now, input.orderId)
    .run();
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
      whenPosted(
        db,
        "UPDATE payments SET status = 'voided', updated_at = ? WHERE order_id = ? AND status = 'voiding'",
        entryId,
        now,
        orderId,
      ),
      whenPosted(
        db,
        "UPDATE vendor_order_payments SET status = 'voided', updated_at = ? WHERE order_id = ? AND status = 'authorized'",
        entryId,
        now,
        orderId,
      ),
    ],
  );
  if (!reversed) throw new Error(`Order ${orderId} has a wallet payment but no authorize entry`);
}

/** Finishes voids a crash left half done (claimed, reversal not posted). Run from the cron. */
export async function finishStuckVoids({ db, now = Date.now() }: Ctx, limit = 50): Promise<number> {
  const { results } = await db
    .prepare("SELECT order_id AS orderId FROM payments WHERE status = 'voiding' AND updated_at < ? LIMIT ?")
    .bind(now - 60_000, limit)
    .all<{ orderId: string }>();
  for (const { orderId } of results) await finishVoid({ db, now }, orderId);
  return results.length;
}
