import { AppError } from '@linked-all/http';
import { and, eq, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { orm } from '../db/orm';
import { accounts, journalEntries, journalLines, payments, vendorOrderPayments } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

export const StatementQuery = z
  .object({ week: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'An ISO week like 2026-W47') })
  .strict();

/** Monday 00:00 UTC of an ISO 8601 week, and the Monday after. */
export function isoWeekRange(week: string): { from: number; to: number } {
  const [year, w] = week.split('-W').map(Number);
  // Week 1 is the week with the year's first Thursday, i.e. the one holding 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const from = mondayOfWeek1 + (w - 1) * 7 * DAY_MS;
  // A year has week 53 only if 28 December falls in it.
  const dec28 = Date.UTC(year, 11, 28);
  const lastWeek = Math.floor((dec28 - mondayOfWeek1) / (7 * DAY_MS)) + 1;
  if (w > lastWeek) {
    throw new AppError('validation_failed', `${year} has ${lastWeek} ISO weeks`, {
      errors: [{ path: 'week', message: 'No such week' }],
    });
  }
  return { from, to: from + 7 * DAY_MS };
}

export type StatementLine = {
  currency: string;
  openingPending: number;
  openingPayable: number;
  /** Vendor orders sold (or collected on delivery) in the week, before commission. */
  grossSales: number;
  commission: number;
  /** What reached pending: gross sales less commission, less orders voided before capture. */
  sales: number;
  refunds: number;
  releases: number;
  payouts: number;
  closingPending: number;
  closingPayable: number;
};

/**
 * A vendor's week, from its ledger lines: opening and closing balances of pending and payable,
 * and the movements between them by kind. closing = opening + movements, always.
 */
export async function weeklyStatement(db: D1Database, vendorId: string, week: string) {
  const { from, to } = isoWeekRange(week);
  const d = orm(db);
  const amount = journalLines.amount;
  const at = journalEntries.createdAt;
  const kind = accounts.kind;
  // Named columns: in a batch D1 answers rows as objects keyed by column text, and opening and
  // closing sums differ only in their binds, so unnamed they would collapse into one key.
  const total = (name: string, when: SQL) => sql<number>`coalesce(sum(CASE WHEN ${when} THEN ${amount} END), 0)`.as(name);
  const outflow = (name: string, when: SQL) => sql<number>`coalesce(-sum(CASE WHEN ${when} THEN ${amount} END), 0)`.as(name);
  const [movements, commission] = await d.batch([
    d
      .select({
        currency: accounts.currency,
        openingPending: total('openingPending', sql`${kind} = 'vendor_pending' AND ${at} < ${from}`),
        openingPayable: total('openingPayable', sql`${kind} = 'vendor_payable' AND ${at} < ${from}`),
        closingPending: total('closingPending', sql`${kind} = 'vendor_pending' AND ${at} < ${to}`),
        closingPayable: total('closingPayable', sql`${kind} = 'vendor_payable' AND ${at} < ${to}`),
        sales: total('sales', sql`${at} >= ${from} AND ${journalEntries.kind} IN ('purchase', 'cod_collection', 'void')`),
        refunds: outflow('refunds', sql`${at} >= ${from} AND ${journalEntries.kind} = 'refund'`),
        releases: total('releases', sql`${at} >= ${from} AND ${journalEntries.kind} = 'release' AND ${kind} = 'vendor_payable'`),
        payouts: outflow('payouts', sql`${at} >= ${from} AND ${journalEntries.kind} IN ('payout', 'payout_reversal')`),
      })
      .from(accounts)
      .innerJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .where(and(eq(accounts.ownerId, vendorId), inArray(kind, ['vendor_pending', 'vendor_payable']), lt(at, to)))
      .groupBy(accounts.currency)
      .orderBy(accounts.currency),
    // Commission is one platform line per entry, so each vendor order's share of it is read from
    // the vendor order it was taken on, dated by the entry that took it.
    d
      .select({
        currency: vendorOrderPayments.currency,
        commission: sql<number>`coalesce(sum(${vendorOrderPayments.commission}), 0)`,
      })
      .from(vendorOrderPayments)
      .innerJoin(payments, eq(payments.orderId, vendorOrderPayments.orderId))
      .innerJoin(
        journalEntries,
        eq(
          journalEntries.externalRef,
          sql`CASE ${payments.method} WHEN 'pay_on_delivery' THEN 'collect:' || ${vendorOrderPayments.vendorOrderId}
            ELSE 'order:' || ${vendorOrderPayments.orderId} END`,
        ),
      )
      .where(
        and(
          eq(vendorOrderPayments.vendorId, vendorId),
          ne(vendorOrderPayments.status, 'voided'),
          gte(journalEntries.createdAt, from),
          lt(journalEntries.createdAt, to),
        ),
      )
      .groupBy(vendorOrderPayments.currency),
  ]);
  const commissionOf = new Map<string, number>(commission.map((r) => [r.currency, r.commission]));
  const lines: StatementLine[] = movements.map((m) => ({
    currency: m.currency,
    openingPending: m.openingPending,
    openingPayable: m.openingPayable,
    grossSales: m.sales + (commissionOf.get(m.currency) ?? 0),
    commission: commissionOf.get(m.currency) ?? 0,
    sales: m.sales,
    refunds: m.refunds,
    releases: m.releases,
    payouts: m.payouts,
    closingPending: m.closingPending,
    closingPayable: m.closingPayable,
  }));
  return { week, from: new Date(from).toISOString(), to: new Date(to).toISOString(), currencies: lines };
}
