import { AppError } from '@linked-all/http';
import { z } from 'zod';

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
  const [movements, commission] = await db.batch<Record<string, number | string>>([
    db
      .prepare(
        `SELECT a.currency,
           coalesce(sum(CASE WHEN a.kind = 'vendor_pending' AND e.created_at < ?1 THEN l.amount END), 0) AS openingPending,
           coalesce(sum(CASE WHEN a.kind = 'vendor_payable' AND e.created_at < ?1 THEN l.amount END), 0) AS openingPayable,
           coalesce(sum(CASE WHEN a.kind = 'vendor_pending' AND e.created_at < ?2 THEN l.amount END), 0) AS closingPending,
           coalesce(sum(CASE WHEN a.kind = 'vendor_payable' AND e.created_at < ?2 THEN l.amount END), 0) AS closingPayable,
           coalesce(sum(CASE WHEN e.created_at >= ?1 AND e.kind IN ('purchase', 'cod_collection', 'void') THEN l.amount END), 0) AS sales,
           coalesce(-sum(CASE WHEN e.created_at >= ?1 AND e.kind = 'refund' THEN l.amount END), 0) AS refunds,
           coalesce(sum(CASE WHEN e.created_at >= ?1 AND e.kind = 'release' AND a.kind = 'vendor_payable' THEN l.amount END), 0) AS releases,
           coalesce(-sum(CASE WHEN e.created_at >= ?1 AND e.kind IN ('payout', 'payout_reversal') THEN l.amount END), 0) AS payouts
         FROM accounts a JOIN journal_lines l ON l.account_id = a.id JOIN journal_entries e ON e.id = l.entry_id
         WHERE a.owner_id = ?3 AND a.kind IN ('vendor_pending', 'vendor_payable') AND e.created_at < ?2
         GROUP BY a.currency ORDER BY a.currency`,
      )
      .bind(from, to, vendorId),
    // Commission is one platform line per entry, so each vendor order's share of it is read from
    // the vendor order it was taken on, dated by the entry that took it.
    db
      .prepare(
        `SELECT v.currency, coalesce(sum(v.commission), 0) AS commission
         FROM vendor_order_payments v JOIN payments p ON p.order_id = v.order_id
         JOIN journal_entries e ON e.external_ref = CASE p.method WHEN 'pay_on_delivery' THEN 'collect:' || v.vendor_order_id ELSE 'order:' || v.order_id END
         WHERE v.vendor_id = ? AND v.status <> 'voided' AND e.created_at >= ? AND e.created_at < ?
         GROUP BY v.currency`,
      )
      .bind(vendorId, from, to),
  ]);
  const commissionOf = new Map(commission.results.map((r) => [r.currency as string, r.commission as number]));
  const lines: StatementLine[] = (movements.results as Omit<StatementLine, 'grossSales' | 'commission'>[]).map((m) => ({
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
