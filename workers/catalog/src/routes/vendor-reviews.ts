import { requireActiveShop, requirePermission, vendorOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { ReplyBody, ReviewId } from '../../contract';
import { relayCatalogOutbox } from '../domain/relay';
import type { CatalogApp } from '../env';
import { replyToReview } from '../reviews/reply-review';
import { shopStanding } from '../shop-standing';

export const vendorReviewRoutes = new Hono<CatalogApp>()
  .use(requireActiveShop(shopStanding))
  .use(requirePermission('catalog'))
  .post(
    '/:id/reply',
    describe({
      summary: 'Answer a review of one of my products (once)',
      auth: 'vendor',
      tags: ['vendor', 'reviews'],
      response: z.object({ status: z.literal('replied') }),
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', z.object({ id: ReviewId }).strict()),
    validate('json', ReplyBody),
    async (c) => {
      await replyToReview(
        { db: c.env.DB, vendorId: vendorOf(c.get('principal')), now: Date.now(), traceparent: c.get('traceparent') },
        c.req.valid('param').id,
        c.req.valid('json').body,
      );
      c.executionCtx.waitUntil(relayCatalogOutbox(c.env));
      c.header('cache-control', 'private, no-store');
      return c.json({ status: 'replied' as const });
    },
  );
