import { AppError } from '@linked-all/http';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { ShipmentStatus } from '../../contract/enums';
import { orm } from '../db/orm';
import { shipments as s, stationAgents } from '../db/schema';
import type { Handled } from './handler-actions';
import { readShipments } from './views';

export type HandledShipment = Handled & { status: ShipmentStatus; failedAttempts: number; stationId: string | null };

/** Who may handle a shipment: its assigned rider, or an agent of its pickup station. */
export type Handler = { kind: 'rider'; userId: string } | { kind: 'station_agent'; userId: string };

/** The shipments a handler may see and move: a rider's own, or those of the agent's station. */
function handlerScope(db: D1Database, handler: Handler): SQL {
  return handler.kind === 'rider'
    ? eq(s.riderId, handler.userId)
    : eq(
        s.pickupStationId,
        orm(db)
          .select({ stationId: stationAgents.stationId })
          .from(stationAgents)
          .where(eq(stationAgents.userId, handler.userId)),
      );
}

/** A shipment the handler may act on; anyone else's is a 404 (its existence is not theirs to know). */
export async function loadHandled(db: D1Database, shipmentId: string, handler: Handler): Promise<HandledShipment> {
  const row = await orm(db)
    .select({
      id: s.id,
      orderId: s.orderId,
      vendorOrderId: s.vendorOrderId,
      method: s.method,
      codAmount: s.codAmount,
      codCollected: sql<number>`${s.codCollectedAt} IS NOT NULL`,
      status: s.status,
      failedAttempts: s.failedAttempts,
      stationId: s.pickupStationId,
      kind: s.kind,
    })
    .from(s)
    .where(and(eq(s.id, shipmentId), handlerScope(db, handler)))
    .get();
  if (!row) throw new AppError('not_found', `You have no shipment ${shipmentId}`);
  return { ...row, codCollected: row.codCollected === 1 };
}

/**
 * A station agent's desk: parcels bound for or waiting at their station, and returns waiting to be
 * dropped off there (the agent takes them in against the shopper's code), by last change.
 */
export function stationDesk(db: D1Database, agent: Handler) {
  return readShipments(
    db,
    and(
      handlerScope(db, agent),
      or(
        inArray(s.status, ['picked_up', 'in_transit', 'at_station']),
        and(eq(s.kind, 'return'), eq(s.status, 'awaiting_pickup')),
      ),
    ),
    [asc(s.updatedAt), asc(s.id)],
  );
}
