import { and, count, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { orm } from './db/orm';
import { payouts, vendorOrderPayments } from './db/schema';

// The figures payments gives the gateway's alert cron (packages/metrics ALERT_RULES,
// docs/operations.md "Alerts and their runbooks").

const HOUR_MS = 3_600_000;
/** A delivered pay-on-delivery parcel whose money no rider has booked after this long is overdue. */
export const COD_OVERDUE_MS = 48 * HOUR_MS;

/**
 * Failed payouts in the last hour (`failing` counts: the failure path has claimed it), and
 * pay-on-delivery vendor orders delivered more than 48 h ago whose collection was never booked:
 * the parcel left with the shopper and the cash has not reached the books (it is with the rider,
 * or lost). There is no separate remittance step: a rider's collection is booked when they
 * confirm it, so this is the cash nobody has accounted for.
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
  return { failedPayoutsLastHour: failed?.n ?? 0, codCashOverdue: overdue?.n ?? 0 };
}
