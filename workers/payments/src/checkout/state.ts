import type { CurrencyCode } from '@linked-all/money';

export type PaymentMethod = 'wallet' | 'mobile_money' | 'pay_on_delivery';
export type PaymentStatus =
  | 'authorized'
  | 'voiding'
  | 'voided'
  | 'captured'
  | 'refunded'
  | 'partially_refunded'
  | 'pay_on_delivery'
  | 'collected';
export type VendorOrderStatus =
  | 'authorized'
  | 'captured'
  | 'voided'
  | 'pay_on_delivery'
  | 'collecting'
  | 'collected'
  | 'releasing'
  | 'released'
  | 'refunding'
  | 'refunded';

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
  refundFrom: 'pending' | 'payable' | 'none' | null;
  releaseAt: number | null;
  /** The part of `amount` that is the platform's logistics' delivery fee (0 when the vendor delivers). */
  logisticsFee: number;
};

const PAYMENT_COLUMNS = `id, order_id AS orderId, user_id AS userId, method, status, amount, currency, commission,
  captured_at AS capturedAt`;
const VENDOR_ORDER_COLUMNS = `vendor_order_id AS vendorOrderId, order_id AS orderId, vendor_id AS vendorId, amount,
  commission, currency, status, refund_from AS refundFrom, release_at AS releaseAt,
  CASE WHEN delivery_payee = 'logistics' THEN delivery_fee ELSE 0 END AS logisticsFee`;

export function paymentQuery(db: D1Database, orderId: string): D1PreparedStatement {
  return db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = ?`).bind(orderId);
}

export function findPayment(db: D1Database, orderId: string): Promise<Payment | null> {
  return paymentQuery(db, orderId).first<Payment>();
}

export function findVendorOrder(db: D1Database, vendorOrderId: string): Promise<VendorOrderPayment | null> {
  return db
    .prepare(`SELECT ${VENDOR_ORDER_COLUMNS} FROM vendor_order_payments WHERE vendor_order_id = ?`)
    .bind(vendorOrderId)
    .first<VendorOrderPayment>();
}

export async function vendorOrdersOf(db: D1Database, orderId: string): Promise<VendorOrderPayment[]> {
  const { results } = await db
    .prepare(`SELECT ${VENDOR_ORDER_COLUMNS} FROM vendor_order_payments WHERE order_id = ? ORDER BY vendor_order_id`)
    .bind(orderId)
    .all<VendorOrderPayment>();
  return results;
}

/**
 * Compare-and-set of a vendor order's status: the one call that moves it out of `from` owns
 * the operation that follows. Answers the row as it is afterwards, whoever won.
 */
export async function claimVendorOrder(
  db: D1Database,
  vendorOrderId: string,
  from: readonly VendorOrderStatus[],
  to: VendorOrderStatus,
  set: { refundFrom?: 'pending' | 'payable' | 'none'; refundReason?: string; collectedMethod?: 'cash' | 'mobile_money' } = {},
  now = Date.now(),
): Promise<{ claimed: boolean; row: VendorOrderPayment | null }> {
  const result = await db
    .prepare(
      `UPDATE vendor_order_payments SET status = ?, refund_from = coalesce(?, refund_from),
         refund_reason = coalesce(?, refund_reason), collected_method = coalesce(?, collected_method), updated_at = ?
       WHERE vendor_order_id = ? AND status IN (SELECT value FROM json_each(?))`,
    )
    .bind(
      to,
      set.refundFrom ?? null,
      set.refundReason ?? null,
      set.collectedMethod ?? null,
      now,
      vendorOrderId,
      JSON.stringify(from),
    )
    .run();
  return { claimed: result.meta.changes === 1, row: await findVendorOrder(db, vendorOrderId) };
}

/** A statement that runs only if the journal entry `entryId` exists (see postEntry's `also`). */
export function whenPosted(db: D1Database, sql: string, entryId: string, ...args: unknown[]): D1PreparedStatement {
  return db.prepare(`${sql} AND EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)`).bind(...args, entryId);
}

const SETTLE_ORDER_STATUS = `UPDATE payments SET updated_at = ?, status = CASE
    WHEN NOT EXISTS (SELECT 1 FROM vendor_order_payments v WHERE v.order_id = payments.order_id
                     AND v.status NOT IN ('refunded', 'voided')) THEN 'refunded'
    WHEN EXISTS (SELECT 1 FROM vendor_order_payments v WHERE v.order_id = payments.order_id
                 AND v.status IN ('refunded', 'refunding')) THEN 'partially_refunded'
    WHEN method = 'pay_on_delivery' AND NOT EXISTS (SELECT 1 FROM vendor_order_payments v
                 WHERE v.order_id = payments.order_id AND v.status IN ('pay_on_delivery', 'collecting')) THEN 'collected'
    ELSE status END
  WHERE order_id = ?`;

/**
 * Derives an order payment's status from its vendor orders once a refund or collection
 * changed one of them. Runs in the same batch, after the vendor order's own update, and
 * only if that batch's entry landed (when there is one).
 */
export function settleOrderStatus(db: D1Database, orderId: string, now: number, entryId?: string): D1PreparedStatement {
  return entryId
    ? whenPosted(db, SETTLE_ORDER_STATUS, entryId, now, orderId)
    : db.prepare(SETTLE_ORDER_STATUS).bind(now, orderId);
}
