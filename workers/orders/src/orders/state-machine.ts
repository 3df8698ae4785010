import { AppError } from '@linked-all/http';
import { and, eq, sql } from 'drizzle-orm';
import {
  ORDER_MOVES,
  ORDER_STATUSES,
  type OrderStatus,
  VENDOR_ORDER_MOVES,
  VENDOR_ORDER_STATUSES,
  type VendorOrderStatus,
} from '../../contract';
import { orm } from '../db/orm';
import { orders, vendorOrders } from '../db/schema';

// The lists and moves live in the contract (contract/statuses.ts); this file turns them into the
// guards the conditional UPDATEs use.

/** Statuses an order can move to `to` from (the `WHERE status IN (…)` of its conditional UPDATE). */
export function orderSourcesOf(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => ORDER_MOVES[from].includes(to));
}

/** Statuses a vendor order can move to `to` from. */
export function vendorOrderSourcesOf(to: VendorOrderStatus): VendorOrderStatus[] {
  return VENDOR_ORDER_STATUSES.filter((from) => VENDOR_ORDER_MOVES[from].includes(to));
}

export function canMoveVendorOrder(from: VendorOrderStatus, to: VendorOrderStatus): boolean {
  return VENDOR_ORDER_MOVES[from].includes(to);
}

/** A 409 `invalid_transition` naming both statuses. */
export function invalidTransition(what: string, from: string, to: string): AppError {
  return new AppError('invalid_transition', `${what} is ${from} and cannot become ${to}`, { from, to });
}

/** Vendor orders that no longer count: dropped before shipping, refunded, or all of it returned. */
export const DROPPED: readonly VendorOrderStatus[] = ['rejected', 'cancelled', 'refunded', 'returned'];

/** Dropped vendor orders whose money went back to the shopper. */
const MONEY_BACK: readonly VendorOrderStatus[] = ['refunded', 'returned'];

/** Before confirmation the saga owns an order's status; the rollup leaves it alone. */
const BEFORE_CONFIRMATION: readonly OrderStatus[] = ['pending', 'awaiting_payment'];

/**
 * Statuses as SQL literals, so a status written in SQL is checked by the compiler against the
 * contract's lists (and by the database against its lookup tables). Statuses are [a-z_] only.
 */
export const sqlStatuses = (statuses: readonly (OrderStatus | VendorOrderStatus)[]) => statuses.map((s) => `'${s}'`).join(', ');
const order = (status: OrderStatus) => `'${status}'`;
const vendor = (status: VendorOrderStatus) => `'${status}'`;

/**
 * Recomputes a confirmed order's status from its vendor orders, inside the same batch as the
 * vendor-order change, so two vendors acting at once still leave the right rollup (D1 runs a
 * batch as one transaction on one writer).
 */
export function orderRollup(db: D1Database, orderId: string, now: number) {
  const status = vendorOrders.status;
  return orm(db)
    .update(orders)
    .set({
      updatedAt: now,
      status: sql`(
    SELECT CASE
      WHEN live = 0 AND refunded > 0 THEN ${sql.raw(order('refunded'))}
      WHEN live = 0 THEN ${sql.raw(order('cancelled'))}
      WHEN delivered = live THEN ${sql.raw(order('delivered'))}
      WHEN shipped + delivered = live THEN ${sql.raw(order('shipped'))}
      WHEN shipped + delivered > 0 THEN ${sql.raw(order('partially_shipped'))}
      WHEN live < total THEN ${sql.raw(order('partially_cancelled'))}
      ELSE ${sql.raw(order('confirmed'))} END
    FROM (SELECT count(*) AS total,
                 coalesce(sum(${status} NOT IN (${sql.raw(sqlStatuses(DROPPED))})), 0) AS live,
                 coalesce(sum(${status} IN (${sql.raw(sqlStatuses(MONEY_BACK))})), 0) AS refunded,
                 coalesce(sum(${status} = ${sql.raw(vendor('shipped'))}), 0) AS shipped,
                 coalesce(sum(${status} = ${sql.raw(vendor('delivered'))}), 0) AS delivered
            FROM ${vendorOrders} WHERE ${vendorOrders.orderId} = ${orderId}))`,
    })
    .where(and(eq(orders.id, orderId), sql`${orders.status} NOT IN (${sql.raw(sqlStatuses(BEFORE_CONFIRMATION))})`));
}
