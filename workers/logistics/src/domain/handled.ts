import { AppError } from '@linked-all/http';
import type { ShipmentStatus } from '../../contract/enums';
import type { Handled } from './handler-actions';

export type HandledShipment = Handled & { status: ShipmentStatus; failedAttempts: number; stationId: string | null };

/** Who may handle a shipment: its assigned rider, or an agent of its pickup station. */
export type Handler = { kind: 'rider'; userId: string } | { kind: 'station_agent'; userId: string };

/** The scope of a handler as SQL on alias s, with its binds. */
export function handlerScope(handler: Handler): { sql: string; binds: unknown[] } {
  return handler.kind === 'rider'
    ? { sql: 's.rider_id = ?', binds: [handler.userId] }
    : { sql: 's.pickup_station_id = (SELECT station_id FROM station_agents WHERE user_id = ?)', binds: [handler.userId] };
}

/** A shipment the handler may act on; anyone else's is a 404 (its existence is not theirs to know). */
export async function loadHandled(db: D1Database, shipmentId: string, handler: Handler): Promise<HandledShipment> {
  const scope = handlerScope(handler);
  const row = await db
    .prepare(
      `SELECT s.id, s.order_id AS orderId, s.vendor_order_id AS vendorOrderId, s.method, s.cod_amount AS codAmount,
              s.cod_collected_at IS NOT NULL AS codCollected, s.status, s.failed_attempts AS failedAttempts,
              s.pickup_station_id AS stationId, s.kind
         FROM shipments s WHERE s.id = ? AND ${scope.sql}`,
    )
    .bind(shipmentId, ...scope.binds)
    .first<Omit<HandledShipment, 'codCollected'> & { codCollected: number }>();
  if (!row) throw new AppError('not_found', `You have no shipment ${shipmentId}`);
  return { ...row, codCollected: row.codCollected === 1 };
}
