import { requireRole, requireRoleOf } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { CARRIERS, TERMINAL_SHIPMENT_STATUSES } from '../../contract/enums';
import { ShipmentId } from '../../contract/ids';
import {
  AssignRiderBody,
  NewStationBody,
  PickupStationView,
  ShipmentView,
  StationParams,
  StationPatchBody,
} from '../../contract/schemas';
import { runAudited } from '../domain/audited';
import { bookCourier } from '../domain/courier-updates';
import { closeStation, createStation, getStation, updateStation } from '../domain/stations';
import { oneShipment } from '../domain/views';
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
    async (c) => {
      const { id } = c.req.valid('param');
      const terminal = TERMINAL_SHIPMENT_STATUSES.map(() => '?').join(', ');
      const now = Date.now();
      const { riderId } = c.req.valid('json');
      const result = await runAudited(
        c.env.DB,
        c.env.DB.prepare(`UPDATE shipments SET rider_id = ?, updated_at = ? WHERE id = ? AND status NOT IN (${terminal})`).bind(
          riderId,
          now,
          id,
          ...TERMINAL_SHIPMENT_STATUSES,
        ),
        { actor: adminId(c), action: 'shipment.assign', target: id, detail: { riderId } },
        now,
        { sql: 'EXISTS (SELECT 1 FROM shipments WHERE id = ? AND rider_id = ? AND updated_at = ?)', args: [id, riderId, now] },
      );
      if (result.meta.changes === 0) {
        await oneShipment(c.env.DB, id);
        throw new AppError('invalid_transition', 'A finished shipment cannot be given to a rider');
      }
      return c.json(await oneShipment(c.env.DB, id));
    },
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
      await getStation(c.env.DB, stationId);
      const now = Date.now();
      await runAudited(
        c.env.DB,
        c.env.DB.prepare(
          `INSERT INTO station_agents (user_id, station_id, assigned_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET station_id = excluded.station_id, assigned_at = excluded.assigned_at`,
        ).bind(userId, stationId, now),
        { actor: adminId(c), action: 'station.post_agent', target: userId, detail: { stationId } },
        now,
      );
      return c.json({ userId, stationId });
    },
  );
