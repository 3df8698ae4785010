import { statement } from '@linked-all/db';
import { PaymentRefunded } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { journalEntries, releaseHolds, returnRefunds, vendorOrderPayments } from '../db/schema';
import { refundToWallet } from '../domain/operations';
import { outboxWhenPosted } from '../domain/outbox';
import type { EntryGuard } from '../domain/post-entry';
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
  const row = await orm(db).query.vendorOrderPayments.findFirst({
    columns: { deliveredAt: true, releaseAt: true, status: true },
    where: eq(vendorOrderPayments.vendorOrderId, input.vendorOrderId),
  });
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

/** A return's refund as it was posted, if it was. */
async function postedRefund(db: D1Database, returnId: string): Promise<ReturnRefund | null> {
  const [row] = await orm(db)
    .select({
      amount: returnRefunds.amount,
      commission: returnRefunds.commission,
      logisticsFee: returnRefunds.logisticsFee,
      vendorShare: returnRefunds.vendorShare,
      takenFrom: returnRefunds.takenFrom,
      currency: vendorOrderPayments.currency,
    })
    .from(returnRefunds)
    .innerJoin(vendorOrderPayments, eq(vendorOrderPayments.vendorOrderId, returnRefunds.vendorOrderId))
    .where(eq(returnRefunds.returnId, returnId));
  if (!row) return null;
  return { ...row, currency: CurrencyCode.parse(row.currency), takenFrom: row.takenFrom === 'payable' ? 'payable' : 'pending' };
}

export type ReturnedTotals = {
  count: number;
  amount: number;
  goods: number;
  commission: number;
  logisticsFee: number;
  vendorShare: number;
  finalDone: boolean;
};

/** What the returns of a vendor order already gave back, summed; `count` is the version the guards compare. */
export async function returnedTotals(db: D1Database, vendorOrderId: string): Promise<ReturnedTotals> {
  const [row] = await orm(db)
    .select({
      count: sql<number>`count(*)`,
      amount: sql<number>`coalesce(sum(${returnRefunds.amount}), 0)`,
      goods: sql<number>`coalesce(sum(${returnRefunds.goods}), 0)`,
      commission: sql<number>`coalesce(sum(${returnRefunds.commission}), 0)`,
      logisticsFee: sql<number>`coalesce(sum(${returnRefunds.logisticsFee}), 0)`,
      vendorShare: sql<number>`coalesce(sum(${returnRefunds.vendorShare}), 0)`,
      finalDone: sql<number>`coalesce(max(${returnRefunds.final}), 0)`,
    })
    .from(returnRefunds)
    .where(eq(returnRefunds.vendorOrderId, vendorOrderId));
  return { ...row, finalDone: row.finalDone === 1 };
}

/**
 * The guard of a refund computed from `returned`: the vendor order is still in one of `statuses`
 * and no other return refund landed since (their count is the version). Read inside the entry's
 * own INSERT, so two refunds of one vendor order at once cannot both use the same totals.
 */
export function unchangedSince(
  vendorOrderId: string,
  statuses: readonly string[],
  returned: Pick<ReturnedTotals, 'count'>,
): EntryGuard {
  return {
    sql: sql`(SELECT ${vendorOrderPayments.status} FROM ${vendorOrderPayments} WHERE ${vendorOrderPayments.vendorOrderId} = ${vendorOrderId})
      IN (SELECT value FROM json_each(${JSON.stringify(statuses)}))
      AND (SELECT count(*) FROM ${returnRefunds} WHERE ${returnRefunds.vendorOrderId} = ${vendorOrderId}) = ${returned.count}`,
    reason: 'in_progress',
  };
}

/** Refunds one return's goods (and, with the last one, the delivery fee). Asking again answers the same and moves nothing. */
export async function refundReturn(
  { db, now = Date.now() }: Ctx,
  input: { orderId: string; vendorOrderId: string; returnId: string; goods: number; final: boolean },
): Promise<ReturnRefundResult> {
  // A concurrent return (or whole refund) of the same vendor order makes the guard fail: read again and retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    const outcome = await tryRefundReturn({ db, now }, input);
    if (outcome !== 'changed') return outcome;
  }
  return { ok: false, reason: 'in_progress' };
}

async function tryRefundReturn(
  { db, now }: Required<Ctx>,
  input: { orderId: string; vendorOrderId: string; returnId: string; goods: number; final: boolean },
): Promise<ReturnRefundResult | 'changed'> {
  const prior = await postedRefund(db, input.returnId);
  if (prior) return { ok: true, ...prior };
  const [payment, vendorOrder, fees, returned] = await Promise.all([
    findPayment(db, input.orderId),
    findVendorOrder(db, input.vendorOrderId),
    orm(db).query.vendorOrderPayments.findFirst({
      columns: { deliveryFee: true },
      where: eq(vendorOrderPayments.vendorOrderId, input.vendorOrderId),
    }),
    returnedTotals(db, input.vendorOrderId),
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
  if (returned.goods + input.goods > goodsTotal) return { ok: false, reason: 'too_much' };
  const commissionLeft = vendorOrder.commission - returned.commission;
  // The fee goes back once, with the first return that completes the vendor order.
  const final = input.final && !returned.finalDone;
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
        // Still where we read it (not claimed by a release or a whole refund meanwhile), and no
        // other return landed since the totals above were read.
        guard: unchangedSince(input.vendorOrderId, takenFrom === 'pending' ? ['captured', 'collected'] : ['released'], returned),
      },
      (entryId) => [
        // The builder has no INSERT … SELECT of bound values: the row lands only with its entry.
        statement(
          db,
          orm(db)
            .insert(returnRefunds)
            .select(
              sql`SELECT ${input.returnId}, ${input.vendorOrderId}, ${amount}, ${commission}, ${logisticsFee}, ${vendorShare},
                ${takenFrom}, ${input.goods}, ${final ? 1 : 0}, ${now}
                WHERE EXISTS (SELECT 1 FROM ${journalEntries} WHERE ${journalEntries.id} = ${entryId})`,
            ),
        ),
        // The return is settled: it no longer holds the vendor order's release.
        statement(
          db,
          orm(db)
            .update(releaseHolds)
            .set({ closedAt: now })
            .where(
              and(
                eq(releaseHolds.returnId, input.returnId),
                isNull(releaseHolds.closedAt),
                sql`EXISTS (SELECT 1 FROM ${journalEntries} WHERE ${journalEntries.id} = ${entryId})`,
              ),
            ),
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
    if (err instanceof AppError && err.extra.reason === 'in_progress') return 'changed';
    // The vendor's balance cannot cover it (paid out already): nothing moved; a later try may succeed.
    if (err instanceof AppError && err.extra.reason === 'insufficient_funds')
      return { ok: false, reason: 'vendor_balance_insufficient' };
    throw err;
  }
  return { ok: true, ...((await postedRefund(db, input.returnId)) ?? refund) };
}

/** What returns already took from the vendor order's pending share: the release moves only the rest. */
export async function returnedFromPending(db: D1Database, vendorOrderId: string): Promise<number> {
  const [row] = await orm(db)
    .select({ taken: sql<number>`coalesce(sum(${returnRefunds.vendorShare}), 0)` })
    .from(returnRefunds)
    .where(and(eq(returnRefunds.vendorOrderId, vendorOrderId), eq(returnRefunds.takenFrom, 'pending')));
  return row?.taken ?? 0;
}
