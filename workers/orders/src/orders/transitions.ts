import { bound, insertWhere, statement } from '@linked-all/db';
import { AppError, newId } from '@linked-all/http';
import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { OrderStatus, VendorOrderStatus } from '../../contract';
import { orm } from '../db/orm';
import { orders, orderTransitions, vendorOrders } from '../db/schema';
import { appliedGuard, type Guard } from './guarded-outbox';
import { canMoveVendorOrder, invalidTransition, orderRollup, orderSourcesOf } from './state-machine';

export type TransitionResult = { applied: boolean; transitionId: string };

/** A move's audit row, written only if the move's own UPDATE applied (its guard). */
const auditRow = (db: D1Database, guard: Guard, row: typeof orderTransitions.$inferInsert) =>
  statement(db, insertWhere(db, orderTransitions, row, bound(guard)));

type OrderMove = {
  orderId: string;
  to: OrderStatus;
  actor: string;
  reason?: string;
  /** Extra assignments of the same UPDATE. */
  set?: Partial<typeof orders.$inferInsert>;
  /** Statements that must land with the move and only with it (events, vendor orders). */
  also?: (guard: Guard, transitionId: string) => D1PreparedStatement[];
  now?: number;
  /**
   * The status the caller expects the order in (the saga knows it): saves the read. The UPDATE
   * is conditional on it all the same, and an order found elsewhere is answered as below.
   */
  from?: OrderStatus;
};

/**
 * Moves an order (before confirmation) in one batch: the conditional UPDATE
 * (`WHERE status = <the status just read>`), its audit row and `also` (its event), the latter two
 * written only if this call's UPDATE applied. A repeated or concurrent move therefore applies
 * once; the loser sees `applied: false`. An illegal move is a 409 `invalid_transition`.
 */
export async function moveOrder(db: D1Database, move: OrderMove): Promise<TransitionResult> {
  const now = move.now ?? Date.now();
  const row = move.from ? { status: move.from } : await orderStatus(db, move.orderId);
  if (!row) throw new AppError('not_found', `No order ${move.orderId}`);
  const transitionId = newId('otr', now);
  if (row.status === move.to) return { applied: false, transitionId };
  if (!orderSourcesOf(move.to).includes(row.status)) throw invalidTransition('The order', row.status, move.to);
  const guard = appliedGuard('orders', move.orderId, transitionId);
  const results = await db.batch([
    statement(
      db,
      orm(db)
        .update(orders)
        .set({ status: move.to, lastTransitionId: transitionId, updatedAt: now, ...move.set })
        .where(and(eq(orders.id, move.orderId), eq(orders.status, row.status))),
    ),
    auditRow(db, guard, {
      id: transitionId,
      orderId: move.orderId,
      vendorOrderId: null,
      fromStatus: row.status,
      toStatus: move.to,
      actor: move.actor,
      reason: move.reason ?? null,
      createdAt: now,
    }),
    ...(move.also?.(guard, transitionId) ?? []),
  ]);
  if (results[0].meta.changes === 1) return { applied: true, transitionId };
  // Lost a race (or was not where the caller expected): fine if it is where the move leads, a conflict otherwise.
  const now2 = await orderStatus(db, move.orderId);
  if (now2?.status === move.to) return { applied: false, transitionId };
  throw invalidTransition('The order', now2?.status ?? row.status, move.to);
}

const orderStatus = (db: D1Database, orderId: string) =>
  orm(db).select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).get();

type VendorOrderMove = {
  vendorOrderId: string;
  to: VendorOrderStatus;
  actor: string;
  reason?: string;
  /** Only move from these statuses (a narrower rule than the state machine's, e.g. "before shipment"). */
  from?: readonly VendorOrderStatus[];
  also?: (guard: Guard, transitionId: string, orderId: string) => D1PreparedStatement[];
  now?: number;
  /** This move finishes the drop that claimed the vendor order; every other move refuses a claimed one. */
  finishesDrop?: boolean;
};

/**
 * Moves one vendor order of a confirmed order, its audit row, its event (both only if this call
 * applied it) and the order's rollup status, in one batch.
 */
export async function moveVendorOrder(db: D1Database, move: VendorOrderMove): Promise<TransitionResult & { orderId: string }> {
  const now = move.now ?? Date.now();
  const row = await orm(db)
    .select({
      status: vendorOrders.status,
      orderId: vendorOrders.orderId,
      claimed: sql<number>`${vendorOrders.dropping} IS NOT NULL`,
    })
    .from(vendorOrders)
    .where(and(eq(vendorOrders.id, move.vendorOrderId), isNotNull(vendorOrders.confirmedAt)))
    .get();
  if (!row) throw new AppError('not_found', `No vendor order ${move.vendorOrderId}`);
  const transitionId = newId('otr', now);
  if (row.status === move.to) return { applied: false, transitionId, orderId: row.orderId };
  const finishesDrop = move.finishesDrop === true;
  if (
    !canMoveVendorOrder(row.status, move.to) ||
    (move.from && !move.from.includes(row.status)) ||
    (row.claimed === 1 && !finishesDrop)
  ) {
    throw invalidTransition('The vendor order', row.claimed === 1 ? `${row.status} (being dropped)` : row.status, move.to);
  }
  const guard = appliedGuard('vendor_orders', move.vendorOrderId, transitionId);
  const results = await db.batch([
    statement(
      db,
      orm(db)
        .update(vendorOrders)
        .set({ status: move.to, lastTransitionId: transitionId, updatedAt: now })
        // The claim check is in the UPDATE too: a drop claiming between our read and this write wins.
        .where(
          and(
            eq(vendorOrders.id, move.vendorOrderId),
            eq(vendorOrders.status, row.status),
            or(isNull(vendorOrders.dropping), sql`${finishesDrop ? 1 : 0} = 1`),
          ),
        ),
    ),
    auditRow(db, guard, {
      id: transitionId,
      orderId: row.orderId,
      vendorOrderId: move.vendorOrderId,
      fromStatus: row.status,
      toStatus: move.to,
      actor: move.actor,
      reason: move.reason ?? null,
      createdAt: now,
    }),
    statement(db, orderRollup(db, row.orderId, now)),
    ...(move.also?.(guard, transitionId, row.orderId) ?? []),
  ]);
  if (results[0].meta.changes === 1) return { applied: true, transitionId, orderId: row.orderId };
  const after = await orm(db)
    .select({ status: vendorOrders.status })
    .from(vendorOrders)
    .where(eq(vendorOrders.id, move.vendorOrderId))
    .get();
  if (after?.status === move.to) return { applied: false, transitionId, orderId: row.orderId };
  throw invalidTransition('The vendor order', after?.status ?? row.status, move.to);
}
