import { requireRole, requireRoleOf } from '@linked-all/auth';
import { auditStatement } from '@linked-all/events';
import { describe, idPattern, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import type { LogisticsApp } from '../env';

// Admin: a shop that carries its own parcels (issue 11). From then on its quotes say
// `deliveredBy: 'vendor'` and checkout books the delivery fee to the shop, not to the platform's
// logistics revenue (docs/architecture.md, Checkout and vendors). Orders already placed keep
// the payee they were priced with. Logistics does not ask identity whether the shop exists (like
// station agents): an unknown id only ever changes its own quotes.

const VendorParams = z.object({ vendorId: z.string().regex(idPattern('vnd'), 'Expected a vendor id like vnd_…') });
const SelfDeliveryBody = z.object({ selfDelivery: z.boolean() }).strict();
const SelfDeliveryView = z.object({ vendorId: z.string(), selfDelivery: z.boolean(), since: z.iso.datetime().nullable() });

async function selfDeliveryOf(db: D1Database, vendorId: string): Promise<z.infer<typeof SelfDeliveryView>> {
  const row = await db
    .prepare('SELECT since FROM vendor_self_delivery WHERE vendor_id = ?')
    .bind(vendorId)
    .first<{ since: number }>();
  return { vendorId, selfDelivery: row !== null, since: row ? new Date(row.since).toISOString() : null };
}

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
    async (c) => {
      const { vendorId } = c.req.valid('param');
      const { selfDelivery } = c.req.valid('json');
      const db = c.env.DB;
      const now = Date.now();
      // Idempotent either way: the first `since` stays; switching off deletes the row. The audit
      // row goes first, guarded on the state it changes, so a repeat that changes nothing has none.
      const record = {
        actor: requireRoleOf(c.get('principal'), 'admin').userId,
        action: selfDelivery ? 'vendor.self_delivery_on' : 'vendor.self_delivery_off',
        target: vendorId,
      };
      const present = { sql: 'EXISTS (SELECT 1 FROM vendor_self_delivery WHERE vendor_id = ?)', args: [vendorId] };
      await db.batch(
        selfDelivery
          ? [
              auditStatement(db, record, { now, when: { ...present, sql: `NOT ${present.sql}` } }),
              db
                .prepare('INSERT INTO vendor_self_delivery (vendor_id, since) VALUES (?, ?) ON CONFLICT (vendor_id) DO NOTHING')
                .bind(vendorId, now),
            ]
          : [
              auditStatement(db, record, { now, when: present }),
              db.prepare('DELETE FROM vendor_self_delivery WHERE vendor_id = ?').bind(vendorId),
            ],
      );
      return c.json(await selfDeliveryOf(db, vendorId));
    },
  );
