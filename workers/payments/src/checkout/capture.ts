import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { payments, vendorOrderPayments } from '../db/schema';
import { paymentQuery } from './state';

export type CaptureResult = { ok: true; status: 'captured' } | { ok: false; reason: 'not_found' | 'voided' };

type Ctx = { db: D1Database; now?: number };

/**
 * The order is confirmed: from now on only a refund undoes it. A compare-and-set on the
 * status, so a capture racing a void ends as exactly one of them. A pay-on-delivery record
 * keeps its status (no money yet) and only notes that the order is confirmed.
 */
export async function capture({ db, now = Date.now() }: Ctx, input: { orderId: string }): Promise<CaptureResult> {
  const d = orm(db);
  // The payment is read in the same batch, after both updates: one round trip.
  const [, , [payment]] = await d.batch([
    d
      .update(payments)
      .set({
        capturedAt: now,
        updatedAt: now,
        status: sql`CASE WHEN ${payments.method} = 'pay_on_delivery' THEN ${payments.status} ELSE 'captured' END`,
      })
      .where(
        and(
          eq(payments.orderId, input.orderId),
          isNull(payments.capturedAt),
          or(
            eq(payments.status, 'authorized'),
            and(eq(payments.method, 'pay_on_delivery'), inArray(payments.status, ['pay_on_delivery', 'collected'])),
          ),
        ),
      ),
    d
      .update(vendorOrderPayments)
      .set({ status: 'captured', updatedAt: now })
      .where(
        and(
          eq(vendorOrderPayments.orderId, input.orderId),
          eq(vendorOrderPayments.status, 'authorized'),
          sql`EXISTS (SELECT 1 FROM ${payments} WHERE ${payments.orderId} = ${input.orderId} AND ${payments.status} = 'captured')`,
        ),
      ),
    paymentQuery(db, input.orderId),
  ]);
  if (!payment) return { ok: false, reason: 'not_found' };
  if (payment.capturedAt === null) return { ok: false, reason: 'voided' };
  return { ok: true, status: 'captured' };
}
