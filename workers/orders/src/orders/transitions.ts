import { AppError, newId } from '@linked-all/http';
import type { OrderStatus, VendorOrderStatus } from '../../contract';
import { appliedGuard, type Guard } from './guarded-outbox';
import { canMoveVendorOrder, invalidTransition, ORDER_ROLLUP_SQL, orderSourcesOf } from './state-machine';

export type TransitionResult = { applied: boolean; transitionId: string };

type OrderMove = {
  orderId: string;
  to: OrderStatus;
  actor: string;
  reason?: string;
  /** Extra `column = ?` assignments of the same UPDATE, with their binds. */
  set?: Record<string, unknown>;
  /** Statements that must land with the move and only with it (events, vendor orders). */
  also?: (guard: Guard, transitionId: string) => D1PreparedStatement[];
  now?: number;
};

/**
 * Moves an order (before confirmation) in one batch: the conditional UPDATE
 * (`WHERE status = <the status just read>`), its audit row and `also` (its event), the latter two
 * written only if this call's UPDATE applied. A repeated or concurrent move therefore applies
 * once; the loser sees `applied: false`. An illegal move is a 409 `invalid_transition`.
 */
export async function moveOrder(db: D1Database, move: OrderMove): Promise<TransitionResult> {
  const now = move.now ?? Date.now();
  const row = await db.prepare('SELECT status FROM orders WHERE id = ?').bind(move.orderId).first<{ status: OrderStatus }>();
  if (!row) throw new AppError('not_found', `No order ${move.orderId}`);
  const transitionId = newId('otr', now);
  if (row.status === move.to) return { applied: false, transitionId };
  if (!orderSourcesOf(move.to).includes(row.status)) throw invalidTransition('The order', row.status, move.to);
  const extra = Object.entries(move.set ?? {});
  const guard = appliedGuard('orders', move.orderId, transitionId);
  const results = await db.batch([
    db
      .prepare(
        `UPDATE orders SET status = ?, last_transition_id = ?, updated_at = ?${extra.map(([column]) => `, ${column} = ?`).join('')}
         WHERE id = ? AND status = ?`,
      )
      .bind(move.to, transitionId, now, ...extra.map(([, value]) => value), move.orderId, row.status),
    db
      .prepare(
        `INSERT INTO order_transitions (id, order_id, vendor_order_id, from_status, to_status, actor, reason, created_at)
         SELECT ?, ?, NULL, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
      )
      .bind(transitionId, move.orderId, row.status, move.to, move.actor, move.reason ?? null, now, ...guard.args),
    ...(move.also?.(guard, transitionId) ?? []),
  ]);
  if (results[0].meta.changes === 1) return { applied: true, transitionId };
  // Lost a race: fine if the winner made the same move, a conflict otherwise.
  const now2 = await db.prepare('SELECT status FROM orders WHERE id = ?').bind(move.orderId).first<{ status: OrderStatus }>();
  if (now2?.status === move.to) return { applied: false, transitionId };
  throw invalidTransition('The order', now2?.status ?? row.status, move.to);
}

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
  const row = await db
    .prepare(
      'SELECT status, order_id AS orderId, dropping IS NOT NULL AS claimed FROM vendor_orders WHERE id = ? AND confirmed_at IS NOT NULL',
    )
    .bind(move.vendorOrderId)
    .first<{ status: VendorOrderStatus; orderId: string; claimed: number }>();
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
    db
      // The claim check is in the UPDATE too: a drop claiming between our read and this write wins.
      .prepare(
        `UPDATE vendor_orders SET status = ?, last_transition_id = ?, updated_at = ?
          WHERE id = ? AND status = ? AND (dropping IS NULL OR ? = 1)`,
      )
      .bind(move.to, transitionId, now, move.vendorOrderId, row.status, finishesDrop ? 1 : 0),
    db
      .prepare(
        `INSERT INTO order_transitions (id, order_id, vendor_order_id, from_status, to_status, actor, reason, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
      )
      .bind(
        transitionId,
        row.orderId,
        move.vendorOrderId,
        row.status,
        move.to,
        move.actor,
        move.reason ?? null,
        now,
        ...guard.args,
      ),
    db.prepare(ORDER_ROLLUP_SQL).bind(row.orderId, now),
    ...(move.also?.(guard, transitionId, row.orderId) ?? []),
  ]);
  if (results[0].meta.changes === 1) return { applied: true, transitionId, orderId: row.orderId };
  const after = await db
    .prepare('SELECT status FROM vendor_orders WHERE id = ?')
    .bind(move.vendorOrderId)
    .first<{ status: VendorOrderStatus }>();
  if (after?.status === move.to) return { applied: false, transitionId, orderId: row.orderId };
  throw invalidTransition('The vendor order', after?.status ?? row.status, move.to);
}
