import { auditStatement } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { formatMoney } from '@linked-all/money';
import type { RecordInput } from '../../contract';
import { payVendors } from '../domain/operations';
import { insertPaymentRows, priceVendorOrders } from './shares';
import { claimVendorOrder, findPayment, findVendorOrder, type Payment, settleOrderStatus, whenPosted } from './state';

export type RecordResult =
  | { ok: true; paymentId: string; status: 'pay_on_delivery' }
  | { ok: false; reason: 'cod_limit_exceeded' | 'cod_unavailable'; detail: string }
  | { ok: false; reason: 'voided' | 'method_mismatch' };

export type CollectResult =
  | { ok: true; status: 'collected'; amount: number }
  | { ok: false; reason: 'not_found' | 'not_pay_on_delivery' | 'voided' | 'refunded' }
  | { ok: false; reason: 'amount_mismatch'; expected: number };

type Ctx = { db: D1Database; now?: number };

type CodLimit = { country: string; currency: string; maxOrderAmount: number; maxOpenOrders: number };

function answer(payment: Payment): RecordResult {
  if (payment.method !== 'pay_on_delivery') return { ok: false, reason: 'method_mismatch' };
  if (payment.status === 'voided') return { ok: false, reason: 'voided' };
  return { ok: true, paymentId: payment.id, status: 'pay_on_delivery' };
}

// Open = confirmed or not, the rider has not collected yet (the checkout options show the same count).
export const OPEN_COD =
  "SELECT count(*) FROM payments WHERE user_id = ? AND method = 'pay_on_delivery' AND status = 'pay_on_delivery'";

/**
 * Pay on delivery: no money moves now. Refused with a reason the shopper can read when the
 * country does not offer it, the order is above the country's limit, or the shopper already
 * has as many unpaid orders open as the country allows. The open-order check sits inside
 * the insert itself, so concurrent checkouts cannot slip past it.
 */
export async function recordPayOnDelivery({ db, now = Date.now() }: Ctx, input: RecordInput): Promise<RecordResult> {
  const existing = await findPayment(db, input.orderId);
  if (existing) return answer(existing);
  const limit = await db
    .prepare(
      'SELECT country, currency, max_order_amount AS maxOrderAmount, max_open_orders AS maxOpenOrders FROM cod_limits WHERE country = ?',
    )
    .bind(input.country)
    .first<CodLimit>();
  if (!limit) return { ok: false, reason: 'cod_unavailable', detail: `Pay on delivery is not offered in ${input.country}` };
  if (limit.currency !== input.currency) {
    return { ok: false, reason: 'cod_unavailable', detail: `Pay on delivery in ${input.country} is in ${limit.currency} only` };
  }
  if (input.amount > limit.maxOrderAmount) {
    return {
      ok: false,
      reason: 'cod_limit_exceeded',
      detail: `Pay on delivery in ${input.country} is limited to ${formatMoney(limit.maxOrderAmount, input.currency)} per order`,
    };
  }
  const tooMany = {
    ok: false as const,
    reason: 'cod_limit_exceeded' as const,
    detail: `You already have ${limit.maxOpenOrders} pay-on-delivery orders awaiting payment; pay for one or choose another method`,
  };
  if (await db.prepare('SELECT 1 FROM payment_voids WHERE order_id = ?').bind(input.orderId).first()) {
    return { ok: false, reason: 'voided' };
  }

  const shares = await priceVendorOrders(db, input.currency, input.vendorOrders);
  const paymentId = newId('pay', now);
  try {
    await db.batch(
      insertPaymentRows(
        db,
        { id: paymentId, ...input, method: 'pay_on_delivery', status: 'pay_on_delivery', shares },
        { sql: `(${OPEN_COD}) < ?`, args: [input.userId, limit.maxOpenOrders] },
        now,
      ),
    );
  } catch (err) {
    // A concurrent record of the same order won the UNIQUE(order_id): its answer is ours.
    const raced = await findPayment(db, input.orderId);
    if (raced) return answer(raced);
    throw err;
  }
  const payment = await findPayment(db, input.orderId);
  return payment ? answer(payment) : tooMany;
}

/**
 * The rider collected a vendor order's amount: COD receivable → the vendor's pending share
 * and our commission, once per vendor order (`collect:<vendorOrderId>`), recording whether
 * it was cash or mobile money.
 */
export async function collectPayOnDelivery(
  { db, now = Date.now() }: Ctx,
  input: {
    orderId: string;
    vendorOrderId: string;
    method: 'cash' | 'mobile_money';
    amount: number;
    /** The admin recording the collection: the audit row rides in the entry's batch. */
    actor?: string;
  },
): Promise<CollectResult> {
  let row = await findVendorOrder(db, input.vendorOrderId);
  if (!row || row.orderId !== input.orderId) return { ok: false, reason: 'not_found' };
  const payment = await findPayment(db, input.orderId);
  if (payment?.method !== 'pay_on_delivery') return { ok: false, reason: 'not_pay_on_delivery' };
  if (input.amount !== row.amount) return { ok: false, reason: 'amount_mismatch', expected: row.amount };
  if (row.status === 'pay_on_delivery') {
    row = (
      await claimVendorOrder(db, row.vendorOrderId, ['pay_on_delivery'], 'collecting', { collectedMethod: input.method }, now)
    ).row;
  }
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.status === 'voided') return { ok: false, reason: 'voided' };
  if (row.status === 'refunded' && row.refundFrom === 'none') return { ok: false, reason: 'refunded' };
  if (row.status === 'collecting') {
    const vendorOrder = row;
    await payVendors(
      { db, now },
      {
        ref: `collect:${vendorOrder.vendorOrderId}`,
        kind: 'cod_collection',
        source: { kind: 'cod_receivable', ownerId: null },
        shares: [vendorOrder],
        currency: vendorOrder.currency,
      },
      (entryId) => [
        whenPosted(
          db,
          "UPDATE vendor_order_payments SET status = 'collected', updated_at = ? WHERE vendor_order_id = ? AND status = 'collecting'",
          entryId,
          now,
          vendorOrder.vendorOrderId,
        ),
        settleOrderStatus(db, vendorOrder.orderId, now, entryId),
        ...(input.actor
          ? [
              auditStatement(
                db,
                {
                  actor: input.actor,
                  action: 'cod.collect',
                  target: vendorOrder.vendorOrderId,
                  detail: { method: input.method, amount: input.amount, currency: vendorOrder.currency },
                },
                { now, when: { sql: 'EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)', args: [entryId] } },
              ),
            ]
          : []),
      ],
    );
  }
  return { ok: true, status: 'collected', amount: row.amount };
}
