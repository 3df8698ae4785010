import { type EventDefinition, type OutboxGuard, outboxStatement } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import type { z } from 'zod';
import type { ShipmentStatus } from '../../contract/enums';
import { canMoveShipment, invalidShipmentMove } from './state-machine';

export type ShipmentRef = {
  id: string;
  trackingCode: string;
  orderId: string;
  vendorOrderId: string;
  vendorId: string;
  userId: string;
  status: ShipmentStatus;
  /** Set on a return shipment (shopper → vendor). */
  returnId: string | null;
};

type Move<D extends EventDefinition> = {
  shipmentId: string;
  to: ShipmentStatus;
  actor: string;
  reason?: string;
  /** Extra `column = ?` assignments of the same UPDATE. */
  set?: Record<string, string | number | null>;
  /** The event of this move and its payload beyond the shipment's reference, from, actor. */
  event: D;
  data: (ref: ShipmentRef) => z.input<D['data']>;
  now?: number;
};

export type MoveResult = { applied: boolean; shipment: ShipmentRef };

/** "This call's UPDATE is the one that landed": the row carries our transition id. */
const appliedGuard = (id: string, transitionId: string): OutboxGuard => ({
  sql: 'EXISTS (SELECT 1 FROM shipments WHERE id = ? AND last_transition_id = ?)',
  args: [id, transitionId],
});

export async function shipmentRef(db: D1Database, shipmentId: string): Promise<ShipmentRef> {
  const row = await db
    .prepare(
      `SELECT id, tracking_code AS trackingCode, order_id AS orderId, vendor_order_id AS vendorOrderId,
              vendor_id AS vendorId, user_id AS userId, status, return_id AS returnId FROM shipments WHERE id = ?`,
    )
    .bind(shipmentId)
    .first<ShipmentRef>();
  if (!row) throw new AppError('not_found', `No shipment ${shipmentId}`);
  return row;
}

/**
 * Moves a shipment in one batch: the conditional UPDATE (`WHERE status = <the status just read>`),
 * its audit row and its outbox event, the last two only if this call's UPDATE applied. A repeated
 * or concurrent move therefore applies once; the loser sees `applied: false` when the winner made
 * the same move. An illegal move is a 409 `invalid_transition`.
 */
export async function moveShipment<D extends EventDefinition>(db: D1Database, move: Move<D>): Promise<MoveResult> {
  const now = move.now ?? Date.now();
  const ref = await shipmentRef(db, move.shipmentId);
  if (ref.status === move.to) return { applied: false, shipment: ref };
  if (!canMoveShipment(ref.status, move.to)) throw invalidShipmentMove(ref.status, move.to);
  const transitionId = newId('str', now);
  const guard = appliedGuard(ref.id, transitionId);
  const extra = Object.entries(move.set ?? {});
  const moved = { ...ref, status: move.to };
  const results = await db.batch([
    db
      .prepare(
        `UPDATE shipments SET status = ?, last_transition_id = ?, updated_at = ?${extra.map(([c]) => `, ${c} = ?`).join('')}
          WHERE id = ? AND status = ?`,
      )
      .bind(move.to, transitionId, now, ...extra.map(([, v]) => v), ref.id, ref.status),
    db
      .prepare(
        `INSERT INTO shipment_transitions (id, shipment_id, from_status, to_status, actor, reason, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
      )
      .bind(transitionId, ref.id, ref.status, move.to, move.actor, move.reason ?? null, now, ...guard.args),
    outboxStatement(db, move.event, move.data(ref), { now, when: guard }),
  ]);
  if (results[0].meta.changes === 1) return { applied: true, shipment: moved };
  const after = await shipmentRef(db, ref.id);
  if (after.status === move.to) return { applied: false, shipment: after };
  throw invalidShipmentMove(after.status, move.to);
}

/** The reference fields every shipment.* move event carries. */
export function moveData(ref: ShipmentRef, from: ShipmentStatus, actor: string) {
  return {
    shipmentId: ref.id,
    trackingCode: ref.trackingCode,
    orderId: ref.orderId,
    vendorOrderId: ref.vendorOrderId,
    vendorId: ref.vendorId,
    userId: ref.userId,
    ...(ref.returnId ? { returnId: ref.returnId } : {}),
    from,
    actor,
  };
}
