import { callerOf } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { MAX_IMAGE_BYTES } from '@linked-all/media/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import { CreateReviewBody, ListReviewsQuery, ProductParams, ReportBody, ReviewId, ReviewList, ReviewPhoto } from '../../contract';
import { BOOKMARK_HEADER, readSession } from '../db/session';
import { relayCatalogOutbox } from '../domain/relay';
import type { CatalogApp } from '../env';
import { listReviews } from '../reviews/list-reviews';
import { reportReview, voteHelpful } from '../reviews/review-feedback';
import { uploadReviewPhoto } from '../reviews/review-photos';
import { writeReview } from '../reviews/write-review';

const ReviewParams = z.object({ id: ReviewId }).strict();

// Shoppers' side of reviews: read a product's reviews (public), write one for a delivered
// purchase, vote one helpful, report one.
export const reviewRoutes = new Hono<CatalogApp>()
  .get(
    '/products/:id/reviews',
    describe({
      summary: "A product's published reviews, most helpful or newest first, with its rating per star",
      tags: ['reviews'],
      response: ReviewList,
    }),
    validate('param', ProductParams),
    validate('query', ListReviewsQuery),
    async (c) => {
      const session = readSession(c.env.DB, c.req.header(BOOKMARK_HEADER));
      const list = await listReviews(session, c.req.valid('param').id, c.req.valid('query'));
      c.header('cache-control', 'public, max-age=60, stale-while-revalidate=300');
      c.header(BOOKMARK_HEADER, session.getBookmark() ?? '');
      return c.json(list);
    },
  )
  .post(
    '/products/:id/reviews',
    describe({
      summary: 'Review a product of one of my delivered orders (once per purchase)',
      auth: 'any',
      tags: ['reviews'],
      status: 201,
      response: z.object({ id: ReviewId }),
      problems: ['unauthenticated', 'forbidden', 'not_found', 'conflict', 'upstream_unavailable'],
    }),
    validate('param', ProductParams),
    validate('json', CreateReviewBody),
    async (c) => {
      const caller = callerOf(c.get('principal'));
      const created = await writeReview(
        {
          db: c.env.DB,
          orders: c.env.ORDERS,
          images: c.env.IMAGES,
          userId: caller.userId,
          now: Date.now(),
          traceparent: c.get('traceparent'),
        },
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      c.executionCtx.waitUntil(relayCatalogOutbox(c.env));
      c.header('cache-control', 'private, no-store');
      return c.json(created, 201);
    },
  )
  .put(
    '/reviews/images',
    describe({
      summary: 'Upload a photo for my review (raw JPEG, PNG or WebP body, ≤ 5 MB); name its key in the review',
      auth: 'any',
      tags: ['reviews'],
      status: 201,
      response: ReviewPhoto,
      problems: ['unauthenticated', 'payload_too_large', 'unsupported_media_type', 'upstream_unavailable'],
    }),
    async (c) => {
      const caller = callerOf(c.get('principal'));
      const contentType = c.req.header('content-type') ?? '';
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > MAX_IMAGE_BYTES) throw new AppError('payload_too_large', 'Photos are limited to 5 MB');
      const photo = await uploadReviewPhoto(c.env.IMAGES, c.env.MEDIA, caller.userId, bytes, contentType, Date.now());
      c.header('cache-control', 'private, no-store');
      return c.json(photo, 201);
    },
  )
  .post(
    '/reviews/:id/helpful',
    describe({
      summary: 'Say a review helped me (once; not my own)',
      auth: 'any',
      tags: ['reviews'],
      response: z.object({ helpfulCount: z.number().int() }),
      problems: ['unauthenticated', 'forbidden', 'not_found'],
    }),
    validate('param', ReviewParams),
    async (c) => {
      const caller = callerOf(c.get('principal'));
      const result = await voteHelpful({ db: c.env.DB, userId: caller.userId, now: Date.now() }, c.req.valid('param').id);
      c.header('cache-control', 'private, no-store');
      return c.json(result);
    },
  )
  .post(
    '/reviews/:id/reports',
    describe({
      summary: 'Report a review to the moderators (once)',
      auth: 'any',
      tags: ['reviews'],
      status: 202,
      response: z.object({ status: z.literal('reported') }),
      problems: ['unauthenticated', 'not_found'],
    }),
    validate('param', ReviewParams),
    validate('json', ReportBody),
    async (c) => {
      const caller = callerOf(c.get('principal'));
      await reportReview({ db: c.env.DB, userId: caller.userId, now: Date.now() }, c.req.valid('param').id, c.req.valid('json'));
      c.header('cache-control', 'private, no-store');
      return c.json({ status: 'reported' as const }, 202);
    },
  );
