import { callerOf } from '@linked-all/auth';
import { describe, idempotency, idPattern, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { OrderList, OrderView } from '../../contract';
import type { OrdersApp } from '../env';
import { cancelOwnOrder } from '../orders/cancel-order';
import { getOwnOrder, listOwnOrders } from '../orders/read-orders';
import { relayOrdersOutbox } from '../orders/relay';

const OrderParams = z.object({ id: z.string().regex(idPattern('ord'), 'Expected an order id like ord_…') });
const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(400).optional(),
  })
  .strict();

const shopper = { auth: 'any' as const, tags: ['orders'] };

// Orders are always the caller's own: another shopper's order answers 404, exactly like a missing one.
export const orderRoutes = new Hono<OrdersApp>()
  .use(async (c, next) => {
    callerOf(c.get('principal'));
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .use(idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => callerOf(c.get('principal')).userId }))
  .get(
    '/',
    describe({
      summary: 'My orders, newest first',
      ...shopper,
      response: OrderList,
    }),
    validate('query', ListQuery),
    async (c) => c.json(await listOwnOrders(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('query'))),
  )
  .get(
    '/:id',
    describe({
      summary: 'One of my orders: status, vendor orders, lines, price changes, cancellation',
      ...shopper,
      response: OrderView,
      problems: ['not_found'],
    }),
    validate('param', OrderParams),
    async (c) => c.json(await getOwnOrder(c.env.DB, c.req.valid('param').id, callerOf(c.get('principal')).userId)),
  )
  .post(
    '/:id/cancel',
    describe({
      summary: 'Cancel my order before it ships: stock freed, money back to my wallet',
      ...shopper,
      response: OrderView,
      problems: ['not_found', 'conflict', 'invalid_transition'],
    }),
    validate('param', OrderParams),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const { id } = c.req.valid('param');
      const outcome = await cancelOwnOrder(c.env, { orderId: id, userId });
      c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
      return c.json(await getOwnOrder(c.env.DB, id, userId), outcome === 'accepted' ? 202 : 200);
    },
  );
