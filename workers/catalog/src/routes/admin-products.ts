import { requireRoleOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { HideProductBody, ProductId, ProductQueueList, ProductQueueQuery } from '../../contract';
import { hideProduct, passProduct, productQueue } from '../domain/moderate-product';
import { relayCatalogOutbox } from '../domain/relay';
import type { CatalogApp } from '../env';

const doc = (summary: string, response: z.ZodType, problems: ('not_found' | 'conflict')[] = []) =>
  describe({ summary, auth: 'admin', tags: ['admin', 'moderation'], response, problems: ['forbidden', ...problems] });

function moderator(c: Context<CatalogApp>) {
  const admin = requireRoleOf(c.get('principal'), 'admin');
  return { db: c.env.DB, cache: c.env.CACHE, adminId: admin.userId, now: Date.now(), traceparent: c.get('traceparent') };
}

const Params = z.object({ id: ProductId }).strict();

// Operators: the queue of new and edited listings, hiding one with a reason, or passing it.
export const adminProductRoutes = new Hono<CatalogApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .get(
    '/',
    doc('Listings to moderate: new, edited since last looked at, or hidden', ProductQueueList),
    validate('query', ProductQueueQuery),
    async (c) => c.json(await productQueue(c.env.DB, c.req.valid('query'))),
  )
  .post(
    '/:id/hide',
    doc('Hide a product with a reason: it leaves search and listings at once', z.object({ hidden: z.literal(true) }), [
      'not_found',
      'conflict',
    ]),
    validate('param', Params),
    validate('json', HideProductBody),
    async (c) => {
      await hideProduct(moderator(c), c.req.valid('param').id, c.req.valid('json').reason);
      c.executionCtx.waitUntil(relayCatalogOutbox(c.env));
      return c.json({ hidden: true as const });
    },
  )
  .post(
    '/:id/pass',
    doc('Keep a listing as it is: it leaves the queue until edited again', z.object({ passed: z.literal(true) }), ['not_found']),
    validate('param', Params),
    async (c) => {
      await passProduct(moderator(c), c.req.valid('param').id);
      return c.json({ passed: true as const });
    },
  );
