import { requireRoleOf } from '@linked-all/auth';
import { AuditReason } from '@linked-all/events';
import { describe, idempotency, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { VendorOrderId } from '../../contract';
import type { OrdersApp } from '../env';
import { adminCancelVendorOrder } from '../orders/admin-orders';
import { relayOrdersOutbox } from '../orders/relay';

const CancelBody = z.object({ reason: AuditReason }).strict();
const Cancelled = z.object({ orderId: z.string(), vendorOrderId: z.string(), status: z.string() });

// Operators (the console): cancel one vendor order before it ships, refunding what was paid.
export const adminOrderRoutes = new Hono<OrdersApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .use(idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => requireRoleOf(c.get('principal'), 'admin').userId }))
  .post(
    '/:id/cancel',
    describe({
      summary: 'Cancel one vendor order before it ships, with a reason: its share refunded, its stock put back, audited',
      auth: 'admin',
      tags: ['admin', 'orders'],
      response: Cancelled,
      problems: ['forbidden', 'not_found', 'invalid_transition'],
    }),
    validate('param', z.object({ id: VendorOrderId }).strict()),
    validate('json', CancelBody),
    async (c) => {
      const admin = requireRoleOf(c.get('principal'), 'admin');
      const result = await adminCancelVendorOrder(c.env, {
        vendorOrderId: c.req.valid('param').id,
        adminId: admin.userId,
        reason: c.req.valid('json').reason,
      });
      c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
      return c.json(result);
    },
  );
