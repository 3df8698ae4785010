import { findPayment } from './state';

export type CaptureResult = { ok: true; status: 'captured' } | { ok: false; reason: 'not_found' | 'voided' };

type Ctx = { db: D1Database; now?: number };

/**
 * The order is confirmed: from now on only a refund undoes it. A compare-and-set on the
 * status, so a capture racing a void ends as exactly one of them. A pay-on-delivery record
 * keeps its status (no money yet) and only notes that the order is confirmed.
 */
export async function capture({ db, now = Date.now() }: Ctx, input: { orderId: string }): Promise<CaptureResult> {
  await db.batch([
    db
      .prepare(
        `UPDATE payments SET captured_at = ?, updated_at = ?,
           status = CASE WHEN method = 'pay_on_delivery' THEN status ELSE 'captured' END
         WHERE order_id = ? AND captured_at IS NULL
           AND (status = 'authorized' OR (method = 'pay_on_delivery' AND status IN ('pay_on_delivery', 'collected')))`,
      )
      .bind(now, now, input.orderId),
    db
      .prepare(
        `UPDATE vendor_order_payments SET status = 'captured', updated_at = ? WHERE order_id = ? AND status = 'authorized'
           AND EXISTS (SELECT 1 FROM payments WHERE order_id = ? AND status = 'captured')`,
      )
      .bind(now, input.orderId, input.orderId),
  ]);
  const payment = await findPayment(db, input.orderId);
  if (!payment) return { ok: false, reason: 'not_found' };
  if (payment.capturedAt === null) return { ok: false, reason: 'voided' };
  return { ok: true, status: 'captured' };
}
