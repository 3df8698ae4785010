import { auditStatement, OrderCancelled, OrderRefunded } from '@linked-all/events';
import { AppError, log, traced } from '@linked-all/http';
import type { VendorOrderStatus } from '../../contract';
import { restockStock } from '../checkout/stock';
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

const readVendorOrder = (db: D1Database, drop: Drop) =>
  db
    .prepare('SELECT status, dropping FROM vendor_orders WHERE id = ? AND order_id = ?')
    .bind(drop.vendorOrderId, drop.orderId)
    .first<Row>();

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
    const placed = await db
      .prepare(
        `UPDATE vendor_orders SET dropping = ?, updated_at = ?
          WHERE id = ? AND dropping IS NULL AND status IN (${BEFORE_SHIPMENT.map(() => '?').join(', ')})`,
      )
      .bind(JSON.stringify(claim), claim.at, drop.vendorOrderId, ...BEFORE_SHIPMENT)
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
    db
      .prepare('SELECT payment_status AS paymentStatus FROM orders WHERE id = ?')
      .bind(drop.orderId)
      .first<{ paymentStatus: string }>(),
    db.prepare('SELECT currency FROM vendor_orders WHERE id = ?').bind(drop.vendorOrderId).first<{ currency: string }>(),
    db
      .prepare('SELECT sku_id AS skuId FROM order_lines WHERE vendor_order_id = ?')
      .bind(drop.vendorOrderId)
      .all<{ skuId: string }>(),
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
    skus.results.map((s) => s.skuId),
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
    db
      .prepare(
        `UPDATE orders SET payment_status = CASE
           WHEN ? > 0 AND payment_status IN ('captured', 'partially_refunded') THEN
             CASE WHEN EXISTS (SELECT 1 FROM vendor_orders WHERE order_id = ? AND status NOT IN (${sqlStatuses(DROPPED)}))
                  THEN 'partially_refunded' ELSE 'refunded' END
           ELSE payment_status END
         WHERE id = ? AND ${guard.sql}`,
      )
      .bind(refunded, gone.orderId, gone.orderId, ...guard.args),
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
  const { results } = await env.DB.prepare(
    `SELECT id, order_id AS orderId, dropping FROM vendor_orders
      WHERE dropping IS NOT NULL AND status IN (${BEFORE_SHIPMENT.map(() => '?').join(', ')}) AND updated_at <= ?
      ORDER BY updated_at LIMIT ?`,
  )
    .bind(...BEFORE_SHIPMENT, now - ABANDONED_CLAIM_MS, limit)
    .all<{ id: string; orderId: string; dropping: string }>();
  let finished = 0;
  for (const row of results) {
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
