import { PaymentRefunded } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { refundToWallet } from '../domain/operations';
import { outboxWhenPosted } from '../domain/outbox';
import { findPayment, findVendorOrder } from './state';

// Returns (issue 11, item 8). A return refunds part (or the rest) of a delivered vendor order,
// once per return id, beside the whole-vendor-order `refund` (which this file does not touch).
//
// Ledger rules (docs/architecture.md, Returns):
// - the shopper's wallet gets the returned goods back; the delivery fee only with the return that
//   brings the last unit back (`final`): a partial return was still delivered;
// - commission is reversed in proportion to the goods (floor), and the final return reverses what
//   is left of it exactly, so the returns of a vendor order reverse its whole commission, no more;
// - the fee goes back from wherever it went (logistics revenue, or the self-delivering vendor);
// - the vendor's part comes from pending before release, from payable after; the release job
//   then moves only what pending still holds for the vendor order.

type Ctx = { db: D1Database; now?: number };

export type ReturnWindowResult =
  | { ok: true; deliveredAt: string; windowEndsAt: string; released: boolean }
  | { ok: false; reason: 'not_found' | 'not_delivered' };

/** When the vendor order was delivered and when its return window closes (its release date). */
export async function returnWindow({ db }: Ctx, input: { vendorOrderId: string }): Promise<ReturnWindowResult> {
  const row = await db
    .prepare(
      'SELECT delivered_at AS deliveredAt, release_at AS releaseAt, status FROM vendor_order_payments WHERE vendor_order_id = ?',
    )
    .bind(input.vendorOrderId)
    .first<{ deliveredAt: number | null; releaseAt: number | null; status: string }>();
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.deliveredAt === null || row.releaseAt === null) return { ok: false, reason: 'not_delivered' };
  return {
    ok: true,
    deliveredAt: new Date(row.deliveredAt).toISOString(),
    windowEndsAt: new Date(row.releaseAt).toISOString(),
    released: row.status === 'released',
  };
}

export type ReturnRefund = {
  amount: number;
  commission: number;
  logisticsFee: number;
  vendorShare: number;
  currency: CurrencyCode;
  takenFrom: 'pending' | 'payable';
};
export type ReturnRefundRefusal = 'not_found' | 'not_refundable' | 'in_progress' | 'too_much' | 'vendor_balance_insufficient';
export type ReturnRefundResult = ({ ok: true } & ReturnRefund) | { ok: false; reason: ReturnRefundRefusal };

const PRIOR = `SELECT r.amount, r.commission, r.logistics_fee AS logisticsFee, r.vendor_share AS vendorShare,
  r.taken_from AS takenFrom, v.currency FROM return_refunds r JOIN vendor_order_payments v USING (vendor_order_id)
  WHERE r.return_id = ?`;

/** Refunds one return's goods (and, with the last one, the delivery fee). Asking again answers the same and moves nothing. */
export async function refundReturn(
  { db, now = Date.now() }: Ctx,
  input: { orderId: string; vendorOrderId: string; returnId: string; goods: number; final: boolean },
): Promise<ReturnRefundResult> {
  const prior = await db.prepare(PRIOR).bind(input.returnId).first<ReturnRefund>();
  if (prior) return { ok: true, ...prior };
  const [payment, vendorOrder, fees, returned] = await Promise.all([
    findPayment(db, input.orderId),
    findVendorOrder(db, input.vendorOrderId),
    db
      .prepare('SELECT delivery_fee AS deliveryFee FROM vendor_order_payments WHERE vendor_order_id = ?')
      .bind(input.vendorOrderId)
      .first<{ deliveryFee: number }>(),
    db
      .prepare(
        'SELECT coalesce(sum(goods), 0) AS goods, coalesce(sum(commission), 0) AS commission, coalesce(max(final), 0) AS finalDone FROM return_refunds WHERE vendor_order_id = ?',
      )
      .bind(input.vendorOrderId)
      .first<{ goods: number; commission: number; finalDone: number }>(),
  ]);
  if (!payment || !vendorOrder || !fees || vendorOrder.orderId !== input.orderId) return { ok: false, reason: 'not_found' };
  let takenFrom: 'pending' | 'payable';
  switch (vendorOrder.status) {
    case 'captured':
    case 'collected':
      takenFrom = 'pending';
      break;
    case 'released':
      takenFrom = 'payable';
      break;
    case 'releasing':
    case 'refunding':
    case 'collecting':
      // Another operation owns the vendor order for a moment; the caller retries.
      return { ok: false, reason: 'in_progress' };
    default:
      return { ok: false, reason: 'not_refundable' };
  }
  const goodsTotal = vendorOrder.amount - fees.deliveryFee;
  const returnedGoods = returned?.goods ?? 0;
  const returnedCommission = returned?.commission ?? 0;
  if (returnedGoods + input.goods > goodsTotal) return { ok: false, reason: 'too_much' };
  const commissionLeft = vendorOrder.commission - returnedCommission;
  // The fee goes back once, with the first return that completes the vendor order.
  const final = input.final && returned?.finalDone !== 1;
  let commission = final
    ? commissionLeft
    : Math.min(Math.floor((vendorOrder.commission * input.goods) / goodsTotal), commissionLeft);
  const logisticsFee = final ? vendorOrder.logisticsFee : 0;
  const amount = input.goods + (final ? fees.deliveryFee : 0);
  // A commission minimum larger than what comes back cannot take more than the refund.
  commission = Math.max(0, Math.min(commission, amount - logisticsFee));
  const vendorShare = amount - commission - logisticsFee;
  const refund: ReturnRefund = { amount, commission, logisticsFee, vendorShare, currency: vendorOrder.currency, takenFrom };
  try {
    await refundToWallet(
      { db, now },
      {
        ref: `return:${input.returnId}`,
        userId: payment.userId,
        vendorId: vendorOrder.vendorId,
        amount,
        commission,
        logisticsFee,
        currency: vendorOrder.currency,
        from: takenFrom,
      },
      (entryId) => [
        db
          .prepare(
            `INSERT INTO return_refunds (return_id, vendor_order_id, amount, commission, logistics_fee, vendor_share, taken_from, goods, final, created_at)
             SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)`,
          )
          .bind(
            input.returnId,
            input.vendorOrderId,
            amount,
            commission,
            logisticsFee,
            vendorShare,
            takenFrom,
            input.goods,
            final ? 1 : 0,
            now,
            entryId,
          ),
        outboxWhenPosted(
          db,
          PaymentRefunded,
          {
            paymentId: payment.id,
            orderId: payment.orderId,
            userId: payment.userId,
            amount,
            currency: vendorOrder.currency,
            journalEntryId: entryId,
          },
          entryId,
          now,
        ),
      ],
    );
  } catch (err) {
    // The vendor's balance cannot cover it (paid out already): nothing moved; a later try may succeed.
    if (err instanceof AppError && err.extra.reason === 'insufficient_funds')
      return { ok: false, reason: 'vendor_balance_insufficient' };
    throw err;
  }
  const posted = await db.prepare(PRIOR).bind(input.returnId).first<ReturnRefund>();
  return { ok: true, ...(posted ?? refund) };
}

/** What returns already took from the vendor order's pending share: the release moves only the rest. */
export async function returnedFromPending(db: D1Database, vendorOrderId: string): Promise<number> {
  const row = await db
    .prepare(
      "SELECT coalesce(sum(vendor_share), 0) AS taken FROM return_refunds WHERE vendor_order_id = ? AND taken_from = 'pending'",
    )
    .bind(vendorOrderId)
    .first<{ taken: number }>();
  return row?.taken ?? 0;
}
