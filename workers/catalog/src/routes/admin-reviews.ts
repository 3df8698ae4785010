import { requireRoleOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { ModerationList, ModerationQuery, ReviewId, VisibilityBody } from '../../contract';
import { writeSession } from '../db/session';
import { relayCatalogOutbox } from '../domain/relay';
import type { CatalogApp } from '../env';
import { listForModeration, setReviewVisibility } from '../reviews/moderate-review';

// Moderators: the queue of reviews (most reported first) and hiding or showing one with a reason.
export const adminReviewRoutes = new Hono<CatalogApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .get(
    '/',
    describe({
      summary: 'Reviews to moderate, most reported first',
      auth: 'admin',
      tags: ['admin', 'reviews'],
      response: ModerationList,
      problems: ['forbidden'],
    }),
    validate('query', ModerationQuery),
    async (c) => c.json(await listForModeration(writeSession(c.env.DB), c.req.valid('query'))),
  )
  .put(
    '/:id/visibility',
    describe({
      summary: 'Hide a review (with the reason) or show it again; ratings follow at once',
      auth: 'admin',
      tags: ['admin', 'reviews'],
      response: z.object({ hidden: z.boolean() }),
      problems: ['forbidden', 'not_found'],
    }),
    validate('param', z.object({ id: ReviewId }).strict()),
    validate('json', VisibilityBody),
    async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal');
      await setReviewVisibility(
        { db: c.env.DB, adminId: principal?.userId ?? 'admin', now: Date.now(), traceparent: c.get('traceparent') },
        c.req.valid('param').id,
        body,
      );
      c.executionCtx.waitUntil(relayCatalogOutbox(c.env));
      return c.json({ hidden: body.hidden });
    },
  );
