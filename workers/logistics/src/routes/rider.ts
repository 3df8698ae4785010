import { type Principal, requireRole, requireRoleOf } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { CollectCashBody, FailedAttemptBody, HandOverBody, ShipmentParams, ShipmentView } from '../../contract/schemas';
import { type Handler, loadHandled } from '../domain/handled';
import { collectCash, failAttempt, handOver, outForDelivery, pickUp } from '../domain/handler-actions';
import { relayLogisticsOutbox } from '../domain/relay';
import { oneShipment, riderDay, shipmentView } from '../domain/views';
import type { LogisticsApp } from '../env';

const riderDoc = (summary: string) =>
  describe({
    summary,
    tags: ['rider'],
    auth: 'rider',
    response: ShipmentView,
    problems: ['forbidden', 'not_found', 'invalid_transition', 'conflict'],
  });

const DAY_MS = 86_400_000;

// A rider sees and moves only the shipments assigned to them (`rider_id = me` in every read).
export const riderRoutes = new Hono<LogisticsApp>()
  .use(requireRole('rider'))
  .use(async (c, next) => {
    c.header('cache-control', 'private, no-store');
    await next();
    if (c.req.method === 'POST') c.executionCtx.waitUntil(relayLogisticsOutbox(c.env));
  })
  .get(
    '/',
    describe({
      summary: 'My shipments for today: open ones and those I finished today',
      tags: ['rider'],
      auth: 'rider',
      response: z.object({ items: z.array(ShipmentView) }),
    }),
    async (c) => {
      const { userId } = riderOf(c.get('principal'));
      const startOfDay = Math.floor(Date.now() / DAY_MS) * DAY_MS;
      const found = await riderDay(c.env.DB, userId, startOfDay);
      return c.json({ items: found.map(shipmentView) });
    },
  )
  .get('/:id', riderDoc('One of my shipments'), validate('param', ShipmentParams), async (c) => {
    const handler = riderOf(c.get('principal'));
    const s = await loadHandled(c.env.DB, c.req.valid('param').id, handler);
    return c.json(await oneShipment(c.env.DB, s.id));
  })
  .post('/:id/pickup', riderDoc('I have the parcel from the vendor'), validate('param', ShipmentParams), async (c) => {
    const handler = riderOf(c.get('principal'));
    const s = await loadHandled(c.env.DB, c.req.valid('param').id, handler);
    await pickUp(c.env, s, handler.userId);
    return c.json(await oneShipment(c.env.DB, s.id));
  })
  .post('/:id/out-for-delivery', riderDoc("On my way to the shopper's door"), validate('param', ShipmentParams), async (c) => {
    const handler = riderOf(c.get('principal'));
    const s = await loadHandled(c.env.DB, c.req.valid('param').id, handler);
    await outForDelivery(c.env, s, handler.userId);
    return c.json(await oneShipment(c.env.DB, s.id));
  })
  .post(
    '/:id/collect',
    riderDoc('I collected the pay-on-delivery amount'),
    validate('param', ShipmentParams),
    validate('json', CollectCashBody),
    async (c) => {
      const handler = riderOf(c.get('principal'));
      const s = await loadHandled(c.env.DB, c.req.valid('param').id, handler);
      await collectCash(c.env, s, c.req.valid('json').method, handler.userId);
      return c.json(await oneShipment(c.env.DB, s.id));
    },
  )
  .post(
    '/:id/deliver',
    riderDoc("Delivered, against the shopper's 6-digit collection code"),
    validate('param', ShipmentParams),
    validate('json', HandOverBody),
    async (c) => {
      const handler = riderOf(c.get('principal'));
      const s = await loadHandled(c.env.DB, c.req.valid('param').id, handler);
      if (s.method !== 'home') throw new AppError('invalid_transition', 'A station parcel is handed over at its station');
      await handOver(c.env, s, c.req.valid('json').code, handler.userId);
      return c.json(await oneShipment(c.env.DB, s.id));
    },
  )
  .post(
    '/:id/failed-attempt',
    riderDoc('The delivery failed (the third failure sends it back to the vendor)'),
    validate('param', ShipmentParams),
    validate('json', FailedAttemptBody),
    async (c) => {
      const handler = riderOf(c.get('principal'));
      const s = await loadHandled(c.env.DB, c.req.valid('param').id, handler);
      await failAttempt(c.env, s, c.req.valid('json').reason, handler.userId);
      return c.json(await oneShipment(c.env.DB, s.id));
    },
  );

function riderOf(principal: Principal | null): Handler {
  return { kind: 'rider', userId: requireRoleOf(principal, 'rider').userId };
}
