import { statement } from '@linked-all/db';
import { auditStatement } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { formatMoney } from '@linked-all/money';
import { and, eq, sql } from 'drizzle-orm';
import type { RecordInput } from '../../contract';
import { orm } from '../db/orm';
import { codLimits, payments, paymentVoids, vendorOrderPayments } from '../db/schema';
import { payVendors } from '../domain/operations';
import { insertPaymentRows, priceVendorOrders } from './shares';
import { claimVendorOrder, findPayment, findVendorOrder, type Payment, posted, settleOrderStatus } from './state';

export type RecordResult =
  | { ok: true; paymentId: string; status: 'pay_on_delivery' }
  | { ok: false; reason: 'cod_limit_exceeded' | 'cod_unavailable'; detail: string }
  | { ok: false; reason: 'voided' | 'method_mismatch' };

export type CollectResult =
  | { ok: true; status: 'collected'; amount: number }
  | { ok: false; reason: 'not_found' | 'not_pay_on_delivery' | 'voided' | 'refunded' }
  | { ok: false; reason: 'amount_mismatch'; expected: number };

type Ctx = { db: D1Database; now?: number };

function answer(payment: Payment): RecordResult {
  if (payment.method !== 'pay_on_delivery') return { ok: false, reason: 'method_mismatch' };
  if (payment.status === 'voided') return { ok: false, reason: 'voided' };
  return { ok: true, paymentId: payment.id, status: 'pay_on_delivery' };
}

// Open = confirmed or not, the rider has not collected yet (the checkout options show the same count).
export const openCod = (userId: string) =>
  and(eq(payments.userId, userId), eq(payments.method, 'pay_on_delivery'), eq(payments.status, 'pay_on_delivery'));

/** A country's pay-on-delivery limits, as a query (it also joins the checkout options' batch). */
export const codLimitQuery = (db: D1Database, country: string) =>
  orm(db)
    .select({
      country: codLimits.country,
      currency: codLimits.currency,
      maxOrderAmount: codLimits.maxOrderAmount,
      maxOpenOrders: codLimits.maxOpenOrders,
    })
    .from(codLimits)
    .where(eq(codLimits.country, country));

/**
 * Pay on delivery: no money moves now. Refused with a reason the shopper can read when the
 * country does not offer it, the order is above the country's limit, or the shopper already
 * has as many unpaid orders open as the country allows. The open-order check sits inside
 * the insert itself, so concurrent checkouts cannot slip past it.
 */
export async function recordPayOnDelivery({ db, now = Date.now() }: Ctx, input: RecordInput): Promise<RecordResult> {
  const existing = await findPayment(db, input.orderId);
  if (existing) return answer(existing);
  const [limit] = await codLimitQuery(db, input.country);
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
  const voided = await orm(db)
    .select({ orderId: paymentVoids.orderId })
    .from(paymentVoids)
    .where(eq(paymentVoids.orderId, input.orderId))
    .get();
  if (voided) {
    return { ok: false, reason: 'voided' };
  }

  const shares = await priceVendorOrders(db, input.currency, input.vendorOrders);
  const paymentId = newId('pay', now);
  try {
    await db.batch(
      insertPaymentRows(
        db,
        { id: paymentId, ...input, method: 'pay_on_delivery', status: 'pay_on_delivery', shares },
        sql`(SELECT count(*) FROM ${payments} WHERE ${openCod(input.userId)}) < ${limit.maxOpenOrders}`,
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
 * Where a collection's money sits until it reaches us: cash in a named collector's hands is on
 * their own account until they remit it (cod-cash/remittance.ts); mobile money, and cash whose
 * collector was not named, on the COD receivable. Read from the row the claim wrote, so
 * concurrent confirmations of one parcel all post the same entry whichever of them lands it.
 */
async function collectionSource(db: D1Database, vendorOrderId: string) {
  const row = await orm(db)
    .select({ method: vendorOrderPayments.collectedMethod, by: vendorOrderPayments.collectedBy })
    .from(vendorOrderPayments)
    .where(eq(vendorOrderPayments.vendorOrderId, vendorOrderId))
    .get();
  return row?.method === 'cash' && row.by
    ? { kind: 'collector_cash' as const, ownerId: row.by }
    : { kind: 'cod_receivable' as const, ownerId: null };
}

/**
 * The rider collected a vendor order's amount: COD receivable (or, for cash, the collector's
 * own account) → the vendor's pending share and our commission, once per vendor order
 * (`collect:<vendorOrderId>`), recording whether it was cash or mobile money and who took it.
 */
export async function collectPayOnDelivery(
  { db, now = Date.now() }: Ctx,
  input: {
    orderId: string;
    vendorOrderId: string;
    method: 'cash' | 'mobile_money';
    amount: number;
    /** The rider or station agent who took the money: cash stays on their account until remitted. */
    collectorId?: string;
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
      await claimVendorOrder(
        db,
        row.vendorOrderId,
        ['pay_on_delivery'],
        'collecting',
        { collectedMethod: input.method, collectedBy: input.collectorId },
        now,
      )
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
        source: await collectionSource(db, vendorOrder.vendorOrderId),
        shares: [vendorOrder],
        currency: vendorOrder.currency,
      },
      (entryId) => [
        statement(
          db,
          orm(db)
            .update(vendorOrderPayments)
            .set({ status: 'collected', updatedAt: now })
            .where(
              and(
                eq(vendorOrderPayments.vendorOrderId, vendorOrder.vendorOrderId),
                eq(vendorOrderPayments.status, 'collecting'),
                posted(entryId),
              ),
            ),
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
                  detail: {
                    method: input.method,
                    amount: input.amount,
                    currency: vendorOrder.currency,
                    ...(input.collectorId ? { collectorId: input.collectorId } : {}),
                  },
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
