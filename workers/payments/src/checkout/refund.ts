import { statement } from '@linked-all/db';
import { PaymentRefunded } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { and, eq, type SQL } from 'drizzle-orm';
import { orm } from '../db/orm';
import { vendorOrderPayments } from '../db/schema';
import { refundToWallet } from '../domain/operations';
import { outboxWhenPosted } from '../domain/outbox';
import { returnedTotals, unchangedSince } from './return-refund';
import {
  claimVendorOrder,
  findPayment,
  findVendorOrder,
  type Payment,
  posted,
  settleOrderStatus,
  type VendorOrderPayment,
  vendorOrdersOf,
} from './state';

export type RefundRefusal = 'not_found' | 'not_captured' | 'voided' | 'in_progress' | 'vendor_balance_insufficient';
export type RefundResult = { ok: true; refunded: number } | { ok: false; reason: RefundRefusal };

type Ctx = { db: D1Database; now?: number };

/**
 * After capture: a vendor order's amount (or every vendor order's) back to the shopper's
 * wallet, the vendor's share taken back from pending (before release) or payable (after),
 * the commission reversed. Once per vendor order (`refund:<vendorOrderId>`): asking again
 * answers the same amount and moves nothing.
 */
export async function refund(
  { db, now = Date.now() }: Ctx,
  input: { orderId: string; vendorOrderId?: string; reason: string },
): Promise<RefundResult> {
  const payment = await findPayment(db, input.orderId);
  if (!payment) return { ok: false, reason: 'not_found' };
  if (payment.status === 'voided' || payment.status === 'voiding') return { ok: false, reason: 'voided' };
  if (payment.capturedAt === null) return { ok: false, reason: 'not_captured' };
  const all = await vendorOrdersOf(db, input.orderId);
  const targets = input.vendorOrderId ? all.filter((v) => v.vendorOrderId === input.vendorOrderId) : all;
  if (targets.length === 0) return { ok: false, reason: 'not_found' };

  let refunded = 0;
  for (const target of targets) {
    const outcome = await refundVendorOrder({ db, now }, payment, target, input.reason);
    if (typeof outcome === 'string') return { ok: false, reason: outcome };
    refunded += outcome;
  }
  return { ok: true, refunded };
}

/** Refunds one vendor order; answers the amount that went back (0 for an uncollected COD), or why not. */
async function refundVendorOrder(
  { db, now }: Required<Ctx>,
  payment: Payment,
  vendorOrder: VendorOrderPayment,
  reason: string,
): Promise<number | RefundRefusal> {
  let row: VendorOrderPayment | null = vendorOrder;
  for (let attempt = 0; attempt < 3 && row; attempt++) {
    switch (row.status) {
      case 'refunded':
        // What this refund gave back: the amount less what returns had given back before it.
        return row.refundFrom === 'none' ? 0 : row.amount - (await returnedTotals(db, row.vendorOrderId)).amount;
      case 'voided':
        return 0;
      case 'authorized':
        return 'not_captured';
      case 'collecting':
      case 'releasing':
        // Another operation owns it for a moment; the caller retries.
        return 'in_progress';
      case 'pay_on_delivery': {
        // Nothing was collected, so nothing goes back: the vendor order is cancelled, and the
        // order's status follows in the same batch (it decides how many COD orders are open).
        await db.batch([
          statement(
            db,
            orm(db)
              .update(vendorOrderPayments)
              .set({ status: 'refunded', refundFrom: 'none', refundReason: reason, refundedAt: now, updatedAt: now })
              .where(
                and(eq(vendorOrderPayments.vendorOrderId, row.vendorOrderId), eq(vendorOrderPayments.status, 'pay_on_delivery')),
              ),
          ),
          settleOrderStatus(db, payment.orderId, now),
        ]);
        row = await findVendorOrder(db, row.vendorOrderId);
        continue;
      }
      case 'captured':
      case 'collected':
        row = (
          await claimVendorOrder(
            db,
            row.vendorOrderId,
            ['captured', 'collected'],
            'refunding',
            { refundFrom: 'pending', refundReason: reason },
            now,
          )
        ).row;
        continue;
      case 'released':
        row = (
          await claimVendorOrder(
            db,
            row.vendorOrderId,
            ['released'],
            'refunding',
            { refundFrom: 'payable', refundReason: reason },
            now,
          )
        ).row;
        continue;
      case 'refunding':
        return postRefund({ db, now }, payment, row);
    }
  }
  throw new Error(`Vendor order ${vendorOrder.vendorOrderId} kept changing while being refunded`);
}

/**
 * Posts the refund of a claimed (`refunding`) vendor order: what was paid less what its returns
 * already gave back — goods, commission, delivery fee and the vendor's share alike. Returns cannot
 * land on a claimed vendor order (their guard wants it captured, collected or released), and this
 * entry's guard wants the returns unchanged since they were summed, so the two never both pay.
 */
async function postRefund(
  { db, now }: Required<Ctx>,
  payment: Payment,
  row: VendorOrderPayment,
): Promise<number | RefundRefusal> {
  const from = row.refundFrom === 'payable' ? 'payable' : 'pending';
  const returned = await returnedTotals(db, row.vendorOrderId);
  const amount = row.amount - returned.amount;
  const markRefunded = (...only: SQL[]) =>
    orm(db)
      .update(vendorOrderPayments)
      .set({ status: 'refunded', refundedAt: now, updatedAt: now })
      .where(and(eq(vendorOrderPayments.vendorOrderId, row.vendorOrderId), eq(vendorOrderPayments.status, 'refunding'), ...only));
  if (amount <= 0) {
    // Returns already gave everything back: only the state moves.
    await db.batch([statement(db, markRefunded()), settleOrderStatus(db, payment.orderId, now)]);
    return 0;
  }
  try {
    await refundToWallet(
      { db, now },
      {
        ref: `refund:${row.vendorOrderId}`,
        userId: payment.userId,
        vendorId: row.vendorId,
        amount,
        commission: row.commission - returned.commission,
        logisticsFee: row.logisticsFee - returned.logisticsFee,
        currency: row.currency,
        from,
        guard: unchangedSince(row.vendorOrderId, ['refunding'], returned),
      },
      (entryId) => [
        statement(db, markRefunded(posted(entryId))),
        settleOrderStatus(db, payment.orderId, now, entryId),
        outboxWhenPosted(
          db,
          PaymentRefunded,
          {
            paymentId: payment.id,
            orderId: payment.orderId,
            userId: payment.userId,
            amount,
            currency: row.currency,
            journalEntryId: entryId,
          },
          entryId,
          now,
        ),
      ],
    );
  } catch (err) {
    if (err instanceof AppError && err.extra.reason === 'in_progress') return 'in_progress';
    if (from === 'payable' && err instanceof AppError && err.extra.reason === 'insufficient_funds') {
      // The vendor was already paid out: give the claim back so a later refund may try again.
      await claimVendorOrder(db, row.vendorOrderId, ['refunding'], 'released', {}, now);
      return 'vendor_balance_insufficient';
    }
    throw err;
  }
  return amount;
}
