import { requireRole, requireRoleOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { CARRIERS } from '../../contract/enums';
import { ShipmentId } from '../../contract/ids';
import {
  AssignRiderBody,
  NewStationBody,
  PickupStationView,
  ShipmentView,
  StationParams,
  StationPatchBody,
} from '../../contract/schemas';
import { assignRider } from '../domain/admin-shipments';
import { bookCourier } from '../domain/courier-updates';
import { closeStation, createStation, postStationAgent, updateStation } from '../domain/stations';
import type { LogisticsApp } from '../env';

const adminDoc = (summary: string, response: z.ZodType, status?: number) =>
  describe({ summary, tags: ['admin'], auth: 'admin', response, status, problems: ['forbidden', 'not_found'] });

/** The admin acting (requireRole below has checked the role): the audit row's actor. */
const adminId = (c: Context<LogisticsApp>) => requireRoleOf(c.get('principal'), 'admin').userId;

const UserParams = z.object({ userId: z.string().regex(/^usr_[0-9a-z]{4,40}$/, 'Expected a user id like usr_…') });
const StationAgentBody = z.object({ stationId: StationParams.shape.id }).strict();

export const adminRoutes = new Hono<LogisticsApp>()
  .use(requireRole('admin'))
  .post(
    '/pickup-stations',
    adminDoc('Open a pickup station', PickupStationView, 201),
    validate('json', NewStationBody),
    async (c) => c.json(await createStation(c.env.DB, c.req.valid('json'), adminId(c)), 201),
  )
  .patch(
    '/pickup-stations/:id',
    adminDoc('Change a pickup station (active: false closes it)', PickupStationView),
    validate('param', StationParams),
    validate('json', StationPatchBody),
    async (c) => c.json(await updateStation(c.env.DB, c.req.valid('param').id, c.req.valid('json'), adminId(c))),
  )
  .delete(
    '/pickup-stations/:id',
    adminDoc('Close a pickup station (kept for the parcels bound to it)', PickupStationView),
    validate('param', StationParams),
    async (c) => c.json(await closeStation(c.env.DB, c.req.valid('param').id, adminId(c))),
  )
  .post(
    '/shipments/:id/assign',
    adminDoc('Give a shipment to a rider', ShipmentView),
    validate('param', z.object({ id: ShipmentId })),
    validate('json', AssignRiderBody),
    async (c) => c.json(await assignRider(c.env.DB, c.req.valid('param').id, c.req.valid('json').riderId, adminId(c))),
  )
  .post(
    '/shipments/:id/courier',
    adminDoc('Hand a prepaid shipment to a carrier (its booking API)', z.object({ carrier: z.string(), carrierRef: z.string() })),
    validate('param', z.object({ id: ShipmentId })),
    validate('json', z.object({ carrier: z.enum(CARRIERS) }).strict()),
    async (c) => c.json(await bookCourier(c.env, c.req.valid('param').id, c.req.valid('json').carrier, adminId(c))),
  )
  .put(
    '/station-agents/:userId',
    adminDoc('Post a station agent to a pickup station', z.object({ userId: z.string(), stationId: z.string() })),
    validate('param', UserParams),
    validate('json', StationAgentBody),
    async (c) => {
      const { userId } = c.req.valid('param');
      const { stationId } = c.req.valid('json');
      await postStationAgent(c.env.DB, userId, stationId, adminId(c));
      return c.json({ userId, stationId });
    },
  );
