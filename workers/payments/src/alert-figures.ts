import { and, count, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { unremittedSince } from './cod-cash/held-cash';
import { orm } from './db/orm';
import { payouts, vendorOrderPayments } from './db/schema';

// The figures payments gives the gateway's alert cron (packages/metrics ALERT_RULES,
// docs/operations.md "Alerts and their runbooks").

const HOUR_MS = 3_600_000;
/** Pay-on-delivery cash out of the platform's hands for longer than this is overdue. */
export const COD_OVERDUE_MS = 48 * HOUR_MS;

/**
 * Failed payouts in the last hour (`failing` counts: the failure path has claimed it), and
 * pay-on-delivery cash overdue: parcels delivered more than 48 h ago whose collection was never
 * booked (the cash is with the rider, or lost), plus collections a rider or station agent made
 * more than 48 h ago and has not remitted yet (cod-cash/held-cash.ts: remittances cover the
 * oldest collections first). Each parcel counts once: a booked collection is no longer uncollected.
 */
export async function alertFigures(db: D1Database, now = Date.now()) {
  const q = orm(db);
  const [failed] = await q
    .select({ n: count() })
    .from(payouts)
    .where(and(inArray(payouts.status, ['failing', 'failed']), gte(payouts.updatedAt, now - HOUR_MS)));
  const [overdue] = await q
    .select({ n: count() })
    .from(vendorOrderPayments)
    .where(
      and(
        eq(vendorOrderPayments.status, 'pay_on_delivery'),
        isNotNull(vendorOrderPayments.deliveredAt),
        lte(vendorOrderPayments.deliveredAt, now - COD_OVERDUE_MS),
      ),
    );
  const held = await unremittedSince(db, now - COD_OVERDUE_MS);
  return { failedPayoutsLastHour: failed?.n ?? 0, codCashOverdue: (overdue?.n ?? 0) + held };
}
