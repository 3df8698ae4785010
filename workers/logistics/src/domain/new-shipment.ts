import { bound, existsGuard, insertWhere, statement } from '@linked-all/db';
import { outboxStatement } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { eq, sql } from 'drizzle-orm';
import { ShipmentCreated } from '../../contract';
import { orm } from '../db/orm';
import { shipments, shipmentTransitions } from '../db/schema';
import { codeHash, collectionCode } from './collection-code';
import { secret } from './secrets';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** LA-XXXX-XXXX: 40 random bits, readable over the phone (no I, L, O, U). */
function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = Array.from(bytes, (b) => CROCKFORD[b % 32]).join('');
  return `LA-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

type NewShipment = {
  orderId: string;
  vendorOrderId: string;
  vendorId: string;
  userId: string;
  method: 'home' | 'station';
  shippingAddressId: string | null;
  pickupStationId: string | null;
  paymentMethod: 'wallet' | 'mobile_money' | 'pay_on_delivery';
  codAmount: number;
  currency: string;
  /** A return's parcel (shopper → vendor) names its return; a delivery has none. */
  returnId?: string;
  /** The audit row's reason: what made the shipment. */
  reason: string;
};

/**
 * A shipment awaiting pickup, with its tracking code, the hash of its collection code, its first
 * audit row and `shipment.created` — the statements of ONE batch, for deliveries and returns alike.
 * The INSERT does nothing on a conflict with either unique key (one delivery per vendor order, one
 * shipment per return), and the audit row and event land only if this call's row did, so a
 * redelivered event makes nothing twice. `statements[0]` is the INSERT.
 */
export async function newShipmentStatements(
  env: Pick<LogisticsEnv, 'DB' | 'COLLECTION_CODE_SECRET'>,
  s: NewShipment,
  now: number,
): Promise<D1PreparedStatement[]> {
  const db = env.DB;
  const id = newId('shp', now);
  const trackingCode = newTrackingCode();
  const hash = await codeHash(id, await collectionCode(secret(env.COLLECTION_CODE_SECRET, 'COLLECTION_CODE_SECRET'), id));
  const landed = existsGuard(orm(db).select({ one: sql`1` }).from(shipments).where(eq(shipments.id, id)));
  const insert = orm(db)
    .insert(shipments)
    .values({
      id,
      trackingCode,
      orderId: s.orderId,
      vendorOrderId: s.vendorOrderId,
      vendorId: s.vendorId,
      userId: s.userId,
      method: s.method,
      shippingAddressId: s.shippingAddressId,
      pickupStationId: s.pickupStationId,
      status: 'awaiting_pickup',
      paymentMethod: s.paymentMethod,
      codAmount: s.codAmount,
      currency: s.currency,
      codeHash: hash,
      kind: s.returnId ? 'return' : 'delivery',
      returnId: s.returnId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const transition = insertWhere(
    db,
    shipmentTransitions,
    {
      id: newId('str', now),
      shipmentId: id,
      fromStatus: 'awaiting_pickup',
      toStatus: 'awaiting_pickup',
      actor: 'logistics',
      reason: s.reason,
      createdAt: now,
    },
    bound(landed),
  );
  return [
    statement(db, insert),
    statement(db, transition),
    outboxStatement(
      db,
      ShipmentCreated,
      {
        shipmentId: id,
        trackingCode,
        orderId: s.orderId,
        vendorOrderId: s.vendorOrderId,
        vendorId: s.vendorId,
        userId: s.userId,
        ...(s.returnId ? { returnId: s.returnId } : {}),
        method: s.method,
        pickupStationId: s.pickupStationId,
      },
      { now, when: landed },
    ),
  ];
}
