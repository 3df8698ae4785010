import { bound, existsGuard, insertWhere, statement } from '@linked-all/db';
import { type EventDefinition, type OutboxGuard, outboxStatement } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ShipmentStatus } from '../../contract/enums';
import { orm } from '../db/orm';
import { shipments, shipmentTransitions } from '../db/schema';
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
  /** Extra assignments of the same UPDATE. */
  set?: Partial<typeof shipments.$inferInsert>;
  /** The event of this move and its payload beyond the shipment's reference, from, actor. */
  event: D;
  data: (ref: ShipmentRef) => z.input<D['data']>;
  now?: number;
};

export type MoveResult = { applied: boolean; shipment: ShipmentRef };

/** "This call's UPDATE is the one that landed": the row carries our transition id. */
const appliedGuard = (db: D1Database, id: string, transitionId: string): OutboxGuard =>
  existsGuard(
    orm(db)
      .select({ one: sql`1` })
      .from(shipments)
      .where(and(eq(shipments.id, id), eq(shipments.lastTransitionId, transitionId))),
  );

export async function shipmentRef(db: D1Database, shipmentId: string): Promise<ShipmentRef> {
  const row = await orm(db)
    .select({
      id: shipments.id,
      trackingCode: shipments.trackingCode,
      orderId: shipments.orderId,
      vendorOrderId: shipments.vendorOrderId,
      vendorId: shipments.vendorId,
      userId: shipments.userId,
      status: shipments.status,
      returnId: shipments.returnId,
    } satisfies Record<keyof ShipmentRef, unknown>)
    .from(shipments)
    .where(eq(shipments.id, shipmentId))
    .get();
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
  const guard = appliedGuard(db, ref.id, transitionId);
  const moved = { ...ref, status: move.to };
  const results = await db.batch([
    statement(
      db,
      orm(db)
        .update(shipments)
        .set({ status: move.to, lastTransitionId: transitionId, updatedAt: now, ...move.set })
        .where(and(eq(shipments.id, ref.id), eq(shipments.status, ref.status))),
    ),
    statement(
      db,
      insertWhere(
        db,
        shipmentTransitions,
        {
          id: transitionId,
          shipmentId: ref.id,
          fromStatus: ref.status,
          toStatus: move.to,
          actor: move.actor,
          reason: move.reason ?? null,
          createdAt: now,
        },
        bound(guard),
      ),
    ),
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
