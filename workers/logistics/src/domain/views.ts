import { preparedBatch } from '@linked-all/db';
import { AppError } from '@linked-all/http';
import { and, asc, eq, gte, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { TERMINAL_SHIPMENT_STATUSES } from '../../contract/enums';
import type { PublicTracking, ShipmentView } from '../../contract/schemas';
import { orm } from '../db/orm';
import { pickupStations as p, shipments as s, shipmentTransitions as t } from '../db/schema';
import { iso, money } from './money';

/** A shipment with its station's public fields. */
const SHIPMENT_COLUMNS = {
  id: s.id,
  tracking_code: s.trackingCode,
  order_id: s.orderId,
  vendor_order_id: s.vendorOrderId,
  vendor_id: s.vendorId,
  user_id: s.userId,
  method: s.method,
  shipping_address_id: s.shippingAddressId,
  pickup_station_id: s.pickupStationId,
  status: s.status,
  payment_method: s.paymentMethod,
  cod_amount: s.codAmount,
  cod_collected_at: s.codCollectedAt,
  currency: s.currency,
  rider_id: s.riderId,
  failed_attempts: s.failedAttempts,
  updated_at: s.updatedAt,
  kind: s.kind,
  return_id: s.returnId,
  station_name: p.name,
  station_city: p.city,
  station_landmark: p.landmark,
};

const BY_CREATION = [asc(s.createdAt), asc(s.id)];

const shipmentRows = (db: D1Database | D1DatabaseSession, where: SQL | undefined, order: SQL[]) =>
  orm(db)
    .select(SHIPMENT_COLUMNS)
    .from(s)
    .leftJoin(p, eq(p.id, s.pickupStationId))
    .where(where)
    .orderBy(...order);

/** The transitions of the shipments `where` finds, oldest first. */
const timelineRows = (db: D1Database | D1DatabaseSession, where: SQL | undefined) =>
  orm(db)
    .select({ shipmentId: t.shipmentId, status: t.toStatus, createdAt: t.createdAt })
    .from(t)
    .where(inArray(t.shipmentId, orm(db).select({ id: s.id }).from(s).where(where)))
    .orderBy(asc(t.createdAt), asc(t.id));

export type ShipmentRow = Awaited<ReturnType<typeof shipmentRows>>[number];
type TimelineRow = Awaited<ReturnType<typeof timelineRows>>[number];

const withTimelines = (rows: ShipmentRow[], timeline: TimelineRow[]) =>
  rows.map((row) => ({
    row,
    timeline: timeline.filter((e) => e.shipmentId === row.id).map((e) => ({ status: e.status, at: iso(e.createdAt) })),
  }));

/** Reads shipments (by `where` on the shipments table) with their timelines, in two statements of one batch. */
export async function readShipments(db: D1Database, where: SQL | undefined, order: SQL[] = BY_CREATION) {
  const [rows, timeline] = await orm(db).batch([shipmentRows(db, where, order), timelineRows(db, where)]);
  return withTimelines(rows, timeline);
}

// Public tracking is the one read anyone can hammer (a link in every SMS): its two statements are
// built once, not per request.
const byTrackingCode = eq(s.trackingCode, sql.placeholder('code'));
const trackingBatch = preparedBatch((db) => [
  shipmentRows(db, byTrackingCode, BY_CREATION).prepare(),
  timelineRows(db, byTrackingCode).prepare(),
]);

/** The shopper's parcels of one order. */
export function orderShipments(db: D1Database, orderId: string, userId: string) {
  return readShipments(db, and(eq(s.orderId, orderId), eq(s.userId, userId)));
}

/** The shopper's delivery of one vendor order (none when the vendor order is not theirs). */
export function deliveryOf(db: D1Database, vendorOrderId: string, userId: string) {
  return readShipments(db, and(eq(s.vendorOrderId, vendorOrderId), eq(s.userId, userId), eq(s.kind, 'delivery')));
}

/** A rider's day: their open parcels and those they finished since `startOfDay`, by last change. */
export function riderDay(db: D1Database, riderId: string, startOfDay: number) {
  return readShipments(
    db,
    and(eq(s.riderId, riderId), or(notInArray(s.status, [...TERMINAL_SHIPMENT_STATUSES]), gte(s.updatedAt, startOfDay))),
    [asc(s.updatedAt), asc(s.id)],
  );
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
  const [found] = withTimelines(...(await trackingBatch(db, { code: trackingCode })));
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
export async function oneShipment(db: D1Database, id: string, where?: SQL): Promise<ShipmentView> {
  const [found] = await readShipments(db, and(eq(s.id, id), where));
  if (!found) throw new AppError('not_found', `You have no shipment ${id}`);
  return shipmentView(found);
}
