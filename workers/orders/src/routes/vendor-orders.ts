import { requireActiveShop, requirePermission, vendorOf } from '@linked-all/auth';
import { describe, idempotency, idPattern, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { VENDOR_ORDER_STATUSES, VendorOrderDetail, VendorOrderView } from '../../contract';
import type { OrdersApp } from '../env';
import { getVendorOrder, listVendorOrders } from '../orders/read-orders';
import { relayOrdersOutbox } from '../orders/relay';
import { rejectVendorOrder, vendorMove } from '../orders/vendor-actions';
import { vendorOrderDetail } from '../orders/vendor-order-detail';
import { shopStanding } from '../shop-standing';

const VendorOrderParams = z.object({ id: z.string().regex(idPattern('vor'), 'Expected a vendor order id like vor_…') });
const ListQuery = z
  .object({
    status: z.enum(VENDOR_ORDER_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(400).optional(),
  })
  .strict();
const RejectBody = z.object({ reason: z.string().trim().min(3).max(200) }).strict();

const vendorAuth = { auth: 'vendor' as const, tags: ['vendor'], problems: ['forbidden' as const, 'not_found' as const] };
const moveDoc = (summary: string) =>
  describe({ summary, ...vendorAuth, response: VendorOrderView, problems: ['forbidden', 'not_found', 'invalid_transition'] });

// A vendor only ever sees its own vendor orders, and only once the order is confirmed.
export const vendorOrderRoutes = new Hono<OrdersApp>()
  .use(requireActiveShop(shopStanding))
  // Staff roles: the gateway checks too, this is the service's own word (defence in depth).
  .use(requirePermission('orders'))
  .use(async (c, next) => {
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .use(idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => vendorOf(c.get('principal')) }))
  .get(
    '/',
    describe({ summary: 'My vendor orders, newest first, optionally by status', ...vendorAuth }),
    validate('query', ListQuery),
    async (c) => c.json(await listVendorOrders(c.env.DB, vendorOf(c.get('principal')), c.req.valid('query'))),
  )
  .get(
    '/:id',
    describe({
      summary: 'One of my vendor orders, with its destination (the buyer’s address only while it is open)',
      ...vendorAuth,
      response: VendorOrderDetail,
    }),
    validate('param', VendorOrderParams),
    async (c) => c.json(await vendorOrderDetail(c.env, c.req.valid('param').id, vendorOf(c.get('principal')))),
  )
  .post('/:id/accept', moveDoc('Accept a vendor order'), validate('param', VendorOrderParams), async (c) => {
    const vendorId = vendorOf(c.get('principal'));
    const { id } = c.req.valid('param');
    await vendorMove(c.env.DB, { vendorOrderId: id, vendorId, to: 'accepted' });
    return c.json(await getVendorOrder(c.env.DB, id, vendorId));
  })
  .post(
    '/:id/ready',
    moveDoc('Mark a vendor order packed and ready for pickup'),
    validate('param', VendorOrderParams),
    async (c) => {
      const vendorId = vendorOf(c.get('principal'));
      const { id } = c.req.valid('param');
      await vendorMove(c.env.DB, { vendorOrderId: id, vendorId, to: 'ready' });
      return c.json(await getVendorOrder(c.env.DB, id, vendorId));
    },
  )
  .post(
    '/:id/reject',
    moveDoc('Reject a vendor order: its stock is freed and the shopper refunded'),
    validate('param', VendorOrderParams),
    validate('json', RejectBody),
    async (c) => {
      const vendorId = vendorOf(c.get('principal'));
      const { id } = c.req.valid('param');
      await rejectVendorOrder(c.env, { vendorOrderId: id, vendorId, reason: c.req.valid('json').reason });
      c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
      return c.json(await getVendorOrder(c.env.DB, id, vendorId));
    },
  );
