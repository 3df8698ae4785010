import { bound, statement } from '@linked-all/db';
import { auditStatement, OrderCancelled, OrderRefunded } from '@linked-all/events';
import { AppError, log, traced } from '@linked-all/http';
import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { VendorOrderStatus } from '../../contract';
import { restockStock } from '../checkout/stock';
import { orm } from '../db/orm';
import { orderLines, orders, vendorOrders } from '../db/schema';
import { callPayments } from '../service-calls';
import { type Guard, guardedOutbox } from './guarded-outbox';
import { DROPPED, invalidTransition, sqlStatuses } from './state-machine';
import { moveVendorOrder } from './transitions';

/** Vendor orders that can still be dropped: nothing has left the vendor yet. */
export const BEFORE_SHIPMENT: readonly VendorOrderStatus[] = ['pending', 'accepted', 'ready'];

type Drop = {
  orderId: string;
  userId: string;
  vendorOrderId: string;
  /** `rejected` (the vendor said no) or `cancelled` (the shopper changed their mind). */
  as: 'rejected' | 'cancelled';
  actor: string;
  reason: string;
  /** An operator's cancel (the console): its audit row lands in the move's batch. */
  byAdmin?: boolean;
};

/** What `vendor_orders.dropping` stores: the drop that owns the vendor order until it lands. */
type Claim = Omit<Drop, 'orderId' | 'vendorOrderId'> & { at: number };

type Env = Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS'>;

/** Order payment statuses under which a vendor order's share is refunded (or, for pay on delivery, closed) by payments. */
export const PAID = ['captured', 'partially_refunded', 'pay_on_delivery'];

/**
 * Drops one vendor order before it ships, in three parts:
 *   1. claim it (one conditional UPDATE: not yet shipped, not claimed by another drop). From then on
 *      accept/ready/ship refuse it (`moveVendorOrder`), so it can never be shipped AND refunded;
 *      a move that cannot land (shipped already) is refused here, before any money or stock moves;
 *   2. give its share back through payments (a refund when money was captured; for pay on delivery
 *      payments just closes it) and put its stock back — both idempotent by vendor order and
 *      reservation, so repeating them after a crash pays and restocks nothing twice;
 *   3. move it (`rejected`, or `refunded`/`cancelled` for a shopper's cancel) with its events and
 *      the order's rollup.
 * A crash (or a refused refund) between 1 and 3 leaves the claim: the next drop call on the vendor
 * order — the client retrying its 5xx, or the shopper cancelling — finishes the claimed drop as it
 * was claimed.
 */
export async function dropVendorOrder(env: Env, drop: Drop): Promise<void> {
  const claim = await claimVendorOrder(env.DB, drop);
  await finishDrop(env, { orderId: drop.orderId, vendorOrderId: drop.vendorOrderId, ...claim });
  // A shopper's cancel is satisfied by a vendor's reject (gone and refunded either way); a vendor's
  // reject that finds the shopper's cancel is told the vendor order is no longer theirs to reject.
  if (claim.as === 'cancelled' && drop.as === 'rejected') {
    throw invalidTransition('The vendor order', 'cancelled', drop.as);
  }
}

type Row = { status: VendorOrderStatus; dropping: string | null };

const readVendorOrder = (db: D1Database, drop: Drop): Promise<Row | undefined> =>
  orm(db)
    .select({ status: vendorOrders.status, dropping: vendorOrders.dropping })
    .from(vendorOrders)
    .where(and(eq(vendorOrders.id, drop.vendorOrderId), eq(vendorOrders.orderId, drop.orderId)))
    .get();

/** This drop's claim, or the unfinished one another drop left on the vendor order. */
async function claimVendorOrder(db: D1Database, drop: Drop): Promise<Claim> {
  const row = await readVendorOrder(db, drop);
  if (!row) throw new AppError('not_found', `No vendor order ${drop.vendorOrderId}`);
  const claim: Claim = {
    as: drop.as,
    userId: drop.userId,
    actor: drop.actor,
    reason: drop.reason,
    at: Date.now(),
    ...(drop.byAdmin ? { byAdmin: true } : {}),
  };
  if (!row.dropping) {
    const placed = await orm(db)
      .update(vendorOrders)
      .set({ dropping: JSON.stringify(claim), updatedAt: claim.at })
      .where(
        and(
          eq(vendorOrders.id, drop.vendorOrderId),
          isNull(vendorOrders.dropping),
          inArray(vendorOrders.status, BEFORE_SHIPMENT),
        ),
      )
      .run();
    if (placed.meta.changes === 1) return claim;
  }
  const now = row.dropping ? row : await readVendorOrder(db, drop);
  if (now?.dropping && BEFORE_SHIPMENT.includes(now.status)) return JSON.parse(now.dropping) as Claim;
  const status = now?.status ?? row.status;
  throw new AppError('invalid_transition', `The vendor order is ${status} and can no longer be ${drop.as}`, {
    from: status,
    to: drop.as,
  });
}

/** Parts 2 and 3 for a claimed vendor order; safe to run again, or twice at once. */
async function finishDrop(env: Env, drop: Claim & { orderId: string; vendorOrderId: string }): Promise<void> {
  const db = env.DB;
  const [order, vendorOrder, skus] = await Promise.all([
    orm(db).select({ paymentStatus: orders.paymentStatus }).from(orders).where(eq(orders.id, drop.orderId)).get(),
    orm(db).select({ currency: vendorOrders.currency }).from(vendorOrders).where(eq(vendorOrders.id, drop.vendorOrderId)).get(),
    orm(db).select({ skuId: orderLines.skuId }).from(orderLines).where(eq(orderLines.vendorOrderId, drop.vendorOrderId)),
  ]);
  if (!order || !vendorOrder) throw new AppError('not_found', `No vendor order ${drop.vendorOrderId}`);
  let refunded = 0;
  // The order's payment status changes only in the move's batch, so a retry still sees it paid.
  if (PAID.includes(order.paymentStatus)) {
    const result = await callPayments(() =>
      traced(env.PAYMENTS).refund({ orderId: drop.orderId, vendorOrderId: drop.vendorOrderId, reason: drop.reason }),
    );
    if (!result.ok) {
      throw new AppError(
        'upstream_unavailable',
        `Payments could not refund vendor order ${drop.vendorOrderId}: ${result.reason}`,
      );
    }
    refunded = result.refunded;
  }
  // Once per order and SKU however often it runs; a SKU belongs to one vendor, so these are this
  // vendor order's units only.
  await restockStock(
    env,
    drop.orderId,
    skus.map((s) => s.skuId),
  );
  const to: VendorOrderStatus = drop.as === 'rejected' ? 'rejected' : refunded > 0 ? 'refunded' : 'cancelled';
  const now = Date.now();
  await moveVendorOrder(db, {
    vendorOrderId: drop.vendorOrderId,
    to,
    from: BEFORE_SHIPMENT,
    actor: drop.actor,
    reason: drop.reason,
    now,
    finishesDrop: true,
    also: (guard) => [
      ...droppedStatements(db, guard, {
        orderId: drop.orderId,
        userId: drop.userId,
        vendorOrderId: drop.vendorOrderId,
        refunded,
        currency: vendorOrder.currency,
        reason: drop.reason,
        now,
      }),
      ...(drop.byAdmin
        ? [
            auditStatement(
              db,
              {
                actor: drop.actor,
                action: 'vendor_order.cancel',
                target: drop.vendorOrderId,
                reason: drop.reason,
                detail: { orderId: drop.orderId, refunded, currency: vendorOrder.currency },
              },
              { now, when: guard },
            ),
          ]
        : []),
    ],
  });
}

/**
 * What lands with the move of a vendor order that is gone (dropped, or returned to the vendor), in
 * the move's batch and only if the move is this call's: the order's payment status after the
 * refund, `order.cancelled`, and `order.refunded` when money went back.
 */
export function droppedStatements(
  db: D1Database,
  guard: Guard,
  gone: {
    orderId: string;
    userId: string;
    vendorOrderId: string;
    refunded: number;
    currency: string;
    reason: string;
    now: number;
  },
): D1PreparedStatement[] {
  const { refunded, now } = gone;
  return [
    statement(
      db,
      orm(db)
        .update(orders)
        .set({
          paymentStatus: sql`CASE
           WHEN ${refunded} > 0 AND ${orders.paymentStatus} IN ('captured', 'partially_refunded') THEN
             CASE WHEN EXISTS (SELECT 1 FROM ${vendorOrders} WHERE ${vendorOrders.orderId} = ${gone.orderId}
                                 AND ${vendorOrders.status} NOT IN (${sql.raw(sqlStatuses(DROPPED))}))
                  THEN 'partially_refunded' ELSE 'refunded' END
           ELSE ${orders.paymentStatus} END`,
        })
        .where(and(eq(orders.id, gone.orderId), bound(guard))),
    ),
    guardedOutbox(
      db,
      OrderCancelled,
      { orderId: gone.orderId, userId: gone.userId, vendorOrderId: gone.vendorOrderId, reason: gone.reason },
      guard,
      now,
    ),
    ...(refunded > 0
      ? [
          guardedOutbox(
            db,
            OrderRefunded,
            {
              orderId: gone.orderId,
              userId: gone.userId,
              vendorOrderId: gone.vendorOrderId,
              amount: refunded,
              currency: gone.currency,
              reason: gone.reason,
            },
            guard,
            now,
          ),
        ]
      : []),
  ];
}

/** How long a claim may sit before the cron takes it as abandoned (its request died) and finishes it. */
export const ABANDONED_CLAIM_MS = 60_000;

/**
 * Cron: finishes drops whose request died between the claim and the move, so a claimed vendor
 * order never waits for someone to retry (refund and restock are idempotent). Returns how many landed.
 */
export async function finishAbandonedDrops(env: Env, now = Date.now(), limit = 20): Promise<number> {
  const results = await orm(env.DB)
    .select({ id: vendorOrders.id, orderId: vendorOrders.orderId, dropping: vendorOrders.dropping })
    .from(vendorOrders)
    .where(
      and(
        isNotNull(vendorOrders.dropping),
        inArray(vendorOrders.status, BEFORE_SHIPMENT),
        lte(vendorOrders.updatedAt, now - ABANDONED_CLAIM_MS),
      ),
    )
    .orderBy(vendorOrders.updatedAt)
    .limit(limit);
  let finished = 0;
  for (const row of results) {
    if (row.dropping === null) continue;
    try {
      await finishDrop(env, { orderId: row.orderId, vendorOrderId: row.id, ...(JSON.parse(row.dropping) as Claim) });
      finished++;
    } catch (err) {
      // One vendor order that cannot finish yet (payments down) must not hold up the others.
      log('error', 'abandoned drop not finished', {
        vendorOrderId: row.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return finished;
}
