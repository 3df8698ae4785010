import { requireRole, requireRoleOf } from '@linked-all/auth';
import { describe, idPattern, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { selfDeliveryOf, setSelfDelivery } from '../domain/self-delivery';
import type { LogisticsApp } from '../env';

// Admin: a shop that carries its own parcels (domain/self-delivery.ts).

const VendorParams = z.object({ vendorId: z.string().regex(idPattern('vnd'), 'Expected a vendor id like vnd_…') });
const SelfDeliveryBody = z.object({ selfDelivery: z.boolean() }).strict();
const SelfDeliveryView = z.object({ vendorId: z.string(), selfDelivery: z.boolean(), since: z.iso.datetime().nullable() });

const doc = (summary: string) =>
  describe({ summary, tags: ['admin'], auth: 'admin', response: SelfDeliveryView, problems: ['forbidden'] });

export const adminSelfDeliveryRoutes = new Hono<LogisticsApp>()
  .use(requireRole('admin'))
  .get('/:vendorId', doc('Whether a shop delivers its own parcels'), validate('param', VendorParams), async (c) =>
    c.json(await selfDeliveryOf(c.env.DB, c.req.valid('param').vendorId)),
  )
  .put(
    '/:vendorId',
    doc('Mark a shop as delivering its own parcels (or not): its delivery fees become its own'),
    validate('param', VendorParams),
    validate('json', SelfDeliveryBody),
    async (c) =>
      c.json(
        await setSelfDelivery(
          c.env.DB,
          c.req.valid('param').vendorId,
          c.req.valid('json').selfDelivery,
          requireRoleOf(c.get('principal'), 'admin').userId,
        ),
      ),
  );
