import { statement } from '@linked-all/db';
import type { CurrencyCode } from '@linked-all/money';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { journalEntries, payments, vendorOrderPayments } from '../db/schema';

import type { PaymentMethod, PaymentStatus, RefundFrom, VendorOrderStatus } from './statuses';

export type { PaymentMethod, PaymentStatus, VendorOrderStatus } from './statuses';

export type Payment = {
  id: string;
  orderId: string;
  userId: string;
  method: PaymentMethod;
  status: PaymentStatus;
  amount: number;
  currency: CurrencyCode;
  commission: number;
  capturedAt: number | null;
};

export type VendorOrderPayment = {
  vendorOrderId: string;
  orderId: string;
  vendorId: string;
  amount: number;
  commission: number;
  currency: CurrencyCode;
  status: VendorOrderStatus;
  refundFrom: RefundFrom | null;
  releaseAt: number | null;
  /** The part of `amount` that is the platform's logistics' delivery fee (0 when the vendor delivers). */
  logisticsFee: number;
};

const paymentColumns = {
  id: payments.id,
  orderId: payments.orderId,
  userId: payments.userId,
  method: payments.method,
  status: payments.status,
  amount: payments.amount,
  currency: payments.currency,
  commission: payments.commission,
  capturedAt: payments.capturedAt,
};
const vendorOrderColumns = {
  vendorOrderId: vendorOrderPayments.vendorOrderId,
  orderId: vendorOrderPayments.orderId,
  vendorId: vendorOrderPayments.vendorId,
  amount: vendorOrderPayments.amount,
  commission: vendorOrderPayments.commission,
  currency: vendorOrderPayments.currency,
  status: vendorOrderPayments.status,
  refundFrom: vendorOrderPayments.refundFrom,
  releaseAt: vendorOrderPayments.releaseAt,
  logisticsFee: sql<number>`CASE WHEN ${vendorOrderPayments.deliveryPayee} = 'logistics' THEN ${vendorOrderPayments.deliveryFee} ELSE 0 END`,
};

/** The order's payment, as a query (it also joins a batch: see authorize). */
export function paymentQuery(db: D1Database, orderId: string) {
  return orm(db).select(paymentColumns).from(payments).where(eq(payments.orderId, orderId));
}

export async function findPayment(db: D1Database, orderId: string): Promise<Payment | null> {
  const [row] = await paymentQuery(db, orderId);
  return row ?? null;
}

export async function findVendorOrder(db: D1Database, vendorOrderId: string): Promise<VendorOrderPayment | null> {
  const [row] = await orm(db)
    .select(vendorOrderColumns)
    .from(vendorOrderPayments)
    .where(eq(vendorOrderPayments.vendorOrderId, vendorOrderId));
  return row ?? null;
}

export function vendorOrdersOf(db: D1Database, orderId: string): Promise<VendorOrderPayment[]> {
  return orm(db)
    .select(vendorOrderColumns)
    .from(vendorOrderPayments)
    .where(eq(vendorOrderPayments.orderId, orderId))
    .orderBy(vendorOrderPayments.vendorOrderId);
}

/**
 * Compare-and-set of a vendor order's status: the one call that moves it out of `from` owns
 * the operation that follows. `only` adds conditions to the same UPDATE (e.g. no return holds
 * the release). Answers the row as it is afterwards, whoever won.
 */
export async function claimVendorOrder(
  db: D1Database,
  vendorOrderId: string,
  from: readonly VendorOrderStatus[],
  to: VendorOrderStatus,
  set: { refundFrom?: RefundFrom; refundReason?: string; collectedMethod?: 'cash' | 'mobile_money'; collectedBy?: string } = {},
  now = Date.now(),
  only?: SQL,
): Promise<{ claimed: boolean; row: VendorOrderPayment | null }> {
  const result = await orm(db)
    .update(vendorOrderPayments)
    .set({ status: to, updatedAt: now, ...set })
    .where(and(eq(vendorOrderPayments.vendorOrderId, vendorOrderId), inArray(vendorOrderPayments.status, [...from]), only));
  return { claimed: result.meta.changes === 1, row: await findVendorOrder(db, vendorOrderId) };
}

/** The condition "the journal entry `entryId` exists", for a drizzle statement in postEntry's `also`. */
export const posted = (entryId: string): SQL =>
  sql`EXISTS (SELECT 1 FROM ${journalEntries} WHERE ${journalEntries.id} = ${entryId})`;

/**
 * Derives an order payment's status from its vendor orders once a refund or collection
 * changed one of them. Runs in the same batch, after the vendor order's own update, and
 * only if that batch's entry landed (when there is one).
 */
export function settleOrderStatus(db: D1Database, orderId: string, now: number, entryId?: string): D1PreparedStatement {
  const ofThisOrder = sql`${vendorOrderPayments.orderId} = ${payments.orderId}`;
  const status = sql<PaymentStatus>`CASE
    WHEN NOT EXISTS (SELECT 1 FROM ${vendorOrderPayments} WHERE ${ofThisOrder}
                     AND ${vendorOrderPayments.status} NOT IN ('refunded', 'voided')) THEN 'refunded'
    WHEN EXISTS (SELECT 1 FROM ${vendorOrderPayments} WHERE ${ofThisOrder}
                 AND ${vendorOrderPayments.status} IN ('refunded', 'refunding')) THEN 'partially_refunded'
    WHEN ${payments.method} = 'pay_on_delivery' AND NOT EXISTS (SELECT 1 FROM ${vendorOrderPayments}
                 WHERE ${ofThisOrder} AND ${vendorOrderPayments.status} IN ('pay_on_delivery', 'collecting')) THEN 'collected'
    ELSE ${payments.status} END`;
  return statement(
    db,
    orm(db)
      .update(payments)
      .set({ updatedAt: now, status })
      .where(and(eq(payments.orderId, orderId), entryId === undefined ? undefined : posted(entryId))),
  );
}
