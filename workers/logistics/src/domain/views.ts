import { AppError } from '@linked-all/http';
import type { ShipmentStatus } from '../../contract/enums';
import type { PublicTracking, ShipmentView } from '../../contract/schemas';
import { iso, money } from './money';

export type ShipmentRow = {
  id: string;
  tracking_code: string;
  order_id: string;
  vendor_order_id: string;
  vendor_id: string;
  user_id: string;
  method: 'home' | 'station';
  shipping_address_id: string | null;
  pickup_station_id: string | null;
  status: ShipmentStatus;
  payment_method: 'wallet' | 'mobile_money' | 'pay_on_delivery';
  cod_amount: number;
  cod_collected_at: number | null;
  currency: string;
  rider_id: string | null;
  failed_attempts: number;
  updated_at: number;
  station_name: string | null;
  station_city: string | null;
  station_landmark: string | null;
  kind: 'delivery' | 'return';
  return_id: string | null;
};

type TransitionRow = { shipment_id: string; to_status: ShipmentStatus; created_at: number };

/** Shipments with their station's public fields; `where` binds follow. */
export const SHIPMENT_SELECT = `SELECT s.id, s.tracking_code, s.order_id, s.vendor_order_id, s.vendor_id, s.user_id, s.method,
  s.shipping_address_id, s.pickup_station_id, s.status, s.payment_method, s.cod_amount, s.cod_collected_at, s.currency,
  s.rider_id, s.failed_attempts, s.updated_at, s.kind, s.return_id, p.name AS station_name, p.city AS station_city, p.landmark AS station_landmark
  FROM shipments s LEFT JOIN pickup_stations p ON p.id = s.pickup_station_id`;

/** Reads shipments (by `where` on alias s) with their timelines, in two statements of one batch. */
export async function readShipments(db: D1Database, where: string, binds: unknown[], suffix = 'ORDER BY s.created_at, s.id') {
  const [rows, transitions] = await db.batch([
    db.prepare(`${SHIPMENT_SELECT} WHERE ${where} ${suffix}`).bind(...binds),
    db
      .prepare(
        `SELECT t.shipment_id, t.to_status, t.created_at FROM shipment_transitions t
          WHERE t.shipment_id IN (SELECT s.id FROM shipments s WHERE ${where}) ORDER BY t.created_at, t.id`,
      )
      .bind(...binds),
  ]);
  const timeline = transitions.results as TransitionRow[];
  return (rows.results as ShipmentRow[]).map((row) => ({
    row,
    timeline: timeline.filter((t) => t.shipment_id === row.id).map((t) => ({ status: t.to_status, at: iso(t.created_at) })),
  }));
}

export function shipmentView({ row, timeline }: { row: ShipmentRow; timeline: ShipmentView['timeline'] }): ShipmentView {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    orderId: row.order_id,
    vendorOrderId: row.vendor_order_id,
    vendorId: row.vendor_id,
    status: row.status,
    method: row.method,
    shippingAddressId: row.shipping_address_id,
    station:
      row.pickup_station_id && row.station_name && row.station_city && row.station_landmark
        ? { id: row.pickup_station_id, name: row.station_name, city: row.station_city, landmark: row.station_landmark }
        : null,
    paymentMethod: row.payment_method,
    collect: money(row.cod_amount, row.currency),
    codCollected: row.cod_collected_at !== null,
    riderId: row.rider_id,
    failedAttempts: row.failed_attempts,
    kind: row.kind,
    returnId: row.return_id,
    timeline,
    updatedAt: iso(row.updated_at),
  };
}

/** Public tracking: status, method, a station's name and city, the timeline. Nothing about the shopper. */
export async function publicTracking(db: D1Database, trackingCode: string): Promise<PublicTracking> {
  const [found] = await readShipments(db, 's.tracking_code = ?', [trackingCode]);
  if (!found) throw new AppError('not_found', `No shipment with tracking code ${trackingCode}`);
  const { row, timeline } = found;
  return {
    trackingCode: row.tracking_code,
    status: row.status,
    method: row.method,
    station: row.station_name && row.station_city ? { name: row.station_name, city: row.station_city } : null,
    timeline,
  };
}

/** One shipment the caller may see (`where` narrows it to theirs): anyone else's is a 404. */
export async function oneShipment(db: D1Database, id: string, where = '1 = 1', binds: unknown[] = []): Promise<ShipmentView> {
  const [found] = await readShipments(db, `s.id = ? AND ${where}`, [id, ...binds]);
  if (!found) throw new AppError('not_found', `You have no shipment ${id}`);
  return shipmentView(found);
}
