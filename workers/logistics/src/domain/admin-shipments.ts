import { existsGuard } from '@linked-all/db';
import { AppError } from '@linked-all/http';
import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import { TERMINAL_SHIPMENT_STATUSES } from '../../contract/enums';
import { orm } from '../db/orm';
import { shipments, shipmentTransitions } from '../db/schema';
import { runAudited } from './audited';
import { oneShipment } from './views';

/** A shipment step as the console's order timeline shows it. */
export type ShipmentStep = {
  at: string;
  shipmentId: string;
  vendorOrderId: string;
  trackingCode: string;
  from: string;
  to: string;
  actor: string;
  reason: string | null;
};

/** The order a tracking code belongs to (the console's search box), or null. */
export async function orderOfTrackingCode(db: D1Database, code: string): Promise<string | null> {
  const row = await orm(db)
    .select({ orderId: shipments.orderId })
    .from(shipments)
    .where(eq(shipments.trackingCode, code.trim().toUpperCase()))
    .get();
  return row?.orderId ?? null;
}

/** Every status move of an order's shipments, oldest first. */
export async function shipmentSteps(db: D1Database, orderId: string): Promise<ShipmentStep[]> {
  const t = shipmentTransitions;
  const s = shipments;
  const rows = await orm(db)
    .select({
      createdAt: t.createdAt,
      shipmentId: s.id,
      vendorOrderId: s.vendorOrderId,
      trackingCode: s.trackingCode,
      from: t.fromStatus,
      to: t.toStatus,
      actor: t.actor,
      reason: t.reason,
    })
    .from(t)
    .innerJoin(s, eq(s.id, t.shipmentId))
    .where(eq(s.orderId, orderId))
    .orderBy(asc(t.createdAt), asc(t.id));
  return rows.map(({ createdAt, ...step }) => ({ at: new Date(createdAt).toISOString(), ...step }));
}

/**
 * An admin gives a shipment to a rider, with its audit row in the same batch (written only when
 * the assignment landed). A finished shipment is refused by the UPDATE itself: 409; an unknown one 404.
 */
export async function assignRider(db: D1Database, id: string, riderId: string, actor: string, now = Date.now()) {
  const result = await runAudited(
    db,
    orm(db)
      .update(shipments)
      .set({ riderId, updatedAt: now })
      .where(and(eq(shipments.id, id), notInArray(shipments.status, [...TERMINAL_SHIPMENT_STATUSES]))),
    { actor, action: 'shipment.assign', target: id, detail: { riderId } },
    now,
    existsGuard(
      orm(db)
        .select({ one: sql`1` })
        .from(shipments)
        .where(and(eq(shipments.id, id), eq(shipments.riderId, riderId), eq(shipments.updatedAt, now))),
    ),
  );
  if (result.meta.changes === 0) {
    await oneShipment(db, id);
    throw new AppError('invalid_transition', 'A finished shipment cannot be given to a rider');
  }
  return oneShipment(db, id);
}
