import { type Principal, requireRole, requireRoleOf } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { CollectCashBody, DropOffBody, HandOverBody, ShipmentParams, ShipmentView } from '../../contract/schemas';
import { takeDropOff } from '../domain/drop-off';
import { type Handler, loadHandled, stationDesk } from '../domain/handled';
import { collectCash, handOver, receiveAtStation } from '../domain/handler-actions';
import { relayLogisticsOutbox } from '../domain/relay';
import { oneShipment, shipmentView } from '../domain/views';
import type { LogisticsApp } from '../env';

const deskDoc = (summary: string) =>
  describe({
    summary,
    tags: ['station'],
    auth: 'station_agent',
    response: ShipmentView,
    problems: ['forbidden', 'not_found', 'invalid_transition', 'conflict', 'rate_limited'],
  });

const agentOf = (principal: Principal | null): Handler => ({
  kind: 'station_agent',
  userId: requireRoleOf(principal, 'station_agent').userId,
});

// A station agent sees and moves only the parcels bound for their own station.
export const stationDeskRoutes = new Hono<LogisticsApp>()
  .use(requireRole('station_agent'))
  .use(async (c, next) => {
    c.header('cache-control', 'private, no-store');
    await next();
    if (c.req.method === 'POST') c.executionCtx.waitUntil(relayLogisticsOutbox(c.env));
  })
  .get(
    '/',
    describe({
      summary: 'Parcels bound for or waiting at my station, and returns waiting to be dropped off there',
      tags: ['station'],
      auth: 'station_agent',
      response: z.object({ items: z.array(ShipmentView) }),
    }),
    async (c) => {
      const found = await stationDesk(c.env.DB, agentOf(c.get('principal')));
      return c.json({ items: found.map(shipmentView) });
    },
  )
  .post('/:id/receive', deskDoc('The parcel arrived at my station'), validate('param', ShipmentParams), async (c) => {
    const agent = agentOf(c.get('principal'));
    const s = await loadHandled(c.env.DB, c.req.valid('param').id, agent);
    if (!s.stationId) throw new AppError('invalid_transition', 'This parcel goes to a door, not to a station');
    await receiveAtStation(c.env, { ...s, stationId: s.stationId }, agent.userId);
    return c.json(await oneShipment(c.env.DB, s.id));
  })
  .post(
    '/:id/drop-off',
    deskDoc('A shopper dropped their return here: taken in against the code they show (again: the same answer)'),
    validate('param', ShipmentParams),
    validate('json', DropOffBody),
    async (c) => {
      const agent = agentOf(c.get('principal'));
      const s = await loadHandled(c.env.DB, c.req.valid('param').id, agent);
      await takeDropOff(c.env.DB, s, c.req.valid('json').code, agent.userId);
      return c.json(await oneShipment(c.env.DB, s.id));
    },
  )
  .post(
    '/:id/collect',
    deskDoc('I collected the pay-on-delivery amount at the counter'),
    validate('param', ShipmentParams),
    validate('json', CollectCashBody),
    async (c) => {
      const agent = agentOf(c.get('principal'));
      const s = await loadHandled(c.env.DB, c.req.valid('param').id, agent);
      await collectCash(c.env, s, c.req.valid('json').method, agent.userId);
      return c.json(await oneShipment(c.env.DB, s.id));
    },
  )
  .post(
    '/:id/hand-over',
    deskDoc('Handed to the shopper, against their 6-digit collection code'),
    validate('param', ShipmentParams),
    validate('json', HandOverBody),
    async (c) => {
      const agent = agentOf(c.get('principal'));
      const s = await loadHandled(c.env.DB, c.req.valid('param').id, agent);
      await handOver(c.env, s, c.req.valid('json').code, agent.userId);
      return c.json(await oneShipment(c.env.DB, s.id));
    },
  );
