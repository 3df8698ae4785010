import { callerOf, requireActiveShop, requirePermission, requireRole, vendorOf } from '@linked-all/auth';
import { describe, idempotency, idPattern, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  RETURN_STATUSES,
  ReceiveReturnBody,
  RefuseReturnBody,
  RequestReturnBody,
  ReturnId,
  ReturnList,
  ReturnView,
} from '../../contract';
import type { OrdersApp } from '../env';
import { relayOrdersOutbox } from '../orders/relay';
import { acceptReturn, type Decider, refuseReturn } from '../returns/decide-return';
import { getReturn, listOrderReturns, listReturns } from '../returns/read-returns';
import { receiveReturn } from '../returns/receive-return';
import { requestReturn } from '../returns/request-return';
import { shopStanding } from '../shop-standing';

// Returns (issue 11, item 8): the shopper asks, the vendor or an admin decides and receives.

const OrderParams = z.object({ id: z.string().regex(idPattern('ord'), 'Expected an order id like ord_…') });
const ReturnParams = z.object({ id: ReturnId });
const ListQuery = z
  .object({
    status: z.enum(RETURN_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(400).optional(),
  })
  .strict();

const noStore = async (c: { header: (k: string, v: string) => void }, next: () => Promise<void>) => {
  c.header('cache-control', 'private, no-store');
  await next();
};

/** Shopper: `/v1/orders/:id/returns` (mounted beside the order routes). Another shopper's order is a 404. */
export const orderReturnRoutes = new Hono<OrdersApp>()
  .use('/:id/returns', async (c, next) => {
    callerOf(c.get('principal'));
    return noStore(c, next);
  })
  .use('/:id/returns', idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => callerOf(c.get('principal')).userId }))
  .get(
    '/:id/returns',
    describe({
      summary: 'The returns of my order',
      auth: 'any',
      tags: ['returns'],
      response: ReturnList,
      problems: ['not_found'],
    }),
    validate('param', OrderParams),
    async (c) => c.json(await listOrderReturns(c.env.DB, c.req.valid('param').id, callerOf(c.get('principal')).userId)),
  )
  .post(
    '/:id/returns',
    describe({
      summary: 'Ask to return items of a delivered vendor order, inside its return window (409 with windowEndsAt after it)',
      auth: 'any',
      tags: ['returns'],
      response: ReturnView,
      status: 201,
      problems: ['not_found', 'conflict', 'invalid_transition'],
    }),
    validate('param', OrderParams),
    validate('json', RequestReturnBody),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const returnId = await requestReturn(c.env, { orderId: c.req.valid('param').id, userId, body: c.req.valid('json') });
      c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
      return c.json(await getReturn(c.env.DB, returnId, { userId }), 201);
    },
  );

/** The decisions, shared by the vendor's and the admin's routes (`who` says which). */
function decisionRoutes(
  who: (c: { get: (k: 'principal') => Parameters<typeof callerOf>[0] }) => Decider,
  auth: 'vendor' | 'admin',
) {
  const doc = (summary: string) =>
    describe({
      summary,
      auth,
      tags: ['returns'],
      response: ReturnView,
      problems: ['forbidden', 'not_found', 'invalid_transition', 'conflict'],
    });
  const scope = (d: Decider) => ('vendorId' in d ? { vendorId: d.vendorId } : {});
  return new Hono<OrdersApp>()
    .get(
      '/',
      describe({ summary: 'Returns, newest first, optionally by status', auth, tags: ['returns'], response: ReturnList }),
      validate('query', ListQuery),
      async (c) => c.json(await listReturns(c.env.DB, { ...c.req.valid('query'), ...scope(who(c)) })),
    )
    .get('/:id', doc('One return'), validate('param', ReturnParams), async (c) =>
      c.json(await getReturn(c.env.DB, c.req.valid('param').id, scope(who(c)))),
    )
    .post(
      '/:id/accept',
      doc('Accept a return: logistics books its collection or station drop-off'),
      validate('param', ReturnParams),
      async (c) => {
        const { id } = c.req.valid('param');
        await acceptReturn(c.env.DB, id, who(c));
        c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
        return c.json(await getReturn(c.env.DB, id, scope(who(c))));
      },
    )
    .post(
      '/:id/refuse',
      doc('Refuse a return, saying why'),
      validate('param', ReturnParams),
      validate('json', RefuseReturnBody),
      async (c) => {
        const { id } = c.req.valid('param');
        await refuseReturn(c.env, id, who(c), c.req.valid('json').reason);
        c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
        return c.json(await getReturn(c.env.DB, id, scope(who(c))));
      },
    )
    .post(
      '/:id/received',
      doc(
        'The parcel is back in the state named (as_new | opened | damaged): as_new and opened units restocked, damaged ones not; the shopper refunded from the shop’s balance',
      ),
      validate('param', ReturnParams),
      validate('json', ReceiveReturnBody),
      async (c) => {
        const { id } = c.req.valid('param');
        await receiveReturn(c.env, id, who(c), c.req.valid('json'));
        c.executionCtx.waitUntil(relayOrdersOutbox(c.env));
        return c.json(await getReturn(c.env.DB, id, scope(who(c))));
      },
    );
}

/** Vendor: `/v1/vendor/returns`, only the shop's own (another shop's is a 404); the shop must be open. */
export const vendorReturnRoutes = new Hono<OrdersApp>()
  .use(requireActiveShop(shopStanding))
  // Returns are order handling: the staff member needs the orders permission here too, not only at the gateway.
  .use(requirePermission('orders'))
  .use(noStore)
  .use(idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => vendorOf(c.get('principal')) }))
  .route(
    '/',
    decisionRoutes((c) => ({ vendorId: vendorOf(c.get('principal')) }), 'vendor'),
  );

/** Admin: `/v1/admin/returns`, every return. */
export const adminReturnRoutes = new Hono<OrdersApp>()
  .use(requireRole('admin'))
  .use(noStore)
  .use(idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => callerOf(c.get('principal')).userId }))
  .route(
    '/',
    decisionRoutes((c) => ({ adminId: callerOf(c.get('principal')).userId }), 'admin'),
  );
