import { callerOf } from '@linked-all/auth';
import { AppError, describe, idPattern, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { type ShipmentStatus, TERMINAL_SHIPMENT_STATUSES } from '../../contract/enums';
import { TrackingCode } from '../../contract/ids';
import { OrderTracking, PublicTracking } from '../../contract/schemas';
import { collectionCode } from '../domain/collection-code';
import { secret } from '../domain/secrets';
import { orderShipments, publicTracking, shipmentView } from '../domain/views';
import type { LogisticsApp } from '../env';

// Public: the tracking code is the only key, so the answer carries nothing personal.
export const trackingRoutes = new Hono<LogisticsApp>().get(
  '/:trackingCode',
  describe({ summary: 'Where a parcel is: status and timeline only', tags: ['logistics'], response: PublicTracking }),
  validate('param', z.object({ trackingCode: TrackingCode })),
  async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await publicTracking(c.env.DB, c.req.valid('param').trackingCode));
  },
);

const OrderParams = z.object({ id: z.string().regex(idPattern('ord'), 'Expected an order id like ord_…') });

// The shopper's own order only: shipments carry the shopper's id from order.confirmed (orders'
// word on who owns the order), so another shopper's order has no shipments for them: a 404.
export const orderTrackingRoutes = new Hono<LogisticsApp>().get(
  '/:id/tracking',
  describe({
    summary: 'Delivery of my order: each parcel, its timeline and my collection code',
    tags: ['logistics'],
    auth: 'any',
    response: OrderTracking,
    problems: ['not_found'],
  }),
  validate('param', OrderParams),
  async (c) => {
    const { userId } = callerOf(c.get('principal'));
    const { id } = c.req.valid('param');
    c.header('cache-control', 'private, no-store');
    const found = await orderShipments(c.env.DB, id, userId);
    if (found.length === 0) throw new AppError('not_found', `You have no order ${id} with parcels on their way`);
    const shipments = await Promise.all(
      found.map(async (f) => {
        const view = shipmentView(f);
        const open = !(TERMINAL_SHIPMENT_STATUSES as readonly ShipmentStatus[]).includes(view.status);
        return {
          ...view,
          collectionCode: open
            ? await collectionCode(secret(c.env.COLLECTION_CODE_SECRET, 'COLLECTION_CODE_SECRET'), view.id)
            : null,
        };
      }),
    );
    return c.json({ orderId: id, shipments });
  },
);
