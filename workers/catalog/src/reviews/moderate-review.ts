import { bound, statement } from '@linked-all/db';
import { auditStatement, outboxStatement, ReviewChanged } from '@linked-all/events';
import { AppError, keyset } from '@linked-all/http';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { z } from 'zod';
import type { ModerationList, ModerationQuery, VisibilityBody } from '../../contract';
import { orm } from '../db/orm';
import { reviews } from '../db/schema';
import type { Db } from '../db/session';
import { recomputeRatings } from './rating-aggregates';
import { REVIEW_COLUMNS, reviewView } from './review-view';

type Moderator = { db: D1Database; adminId: string; now: number; traceparent?: string };

/**
 * An admin hides a review (with the reason, kept with who hid it) or shows it again. The product's
 * and shop's ratings are recomputed in the same batch: a hidden review leaves the aggregate at once.
 */
export async function setReviewVisibility(m: Moderator, reviewId: string, body: z.infer<typeof VisibilityBody>) {
  const db = orm(m.db);
  const review = await db.query.reviews.findFirst({
    columns: { productId: true, vendorId: true, status: true },
    where: eq(reviews.id, reviewId),
  });
  if (!review) throw new AppError('not_found', `There is no review ${reviewId}`);
  const status = body.hidden ? 'hidden' : 'published';
  if (review.status === status) return;
  await m.db.batch([
    statement(
      m.db,
      db
        .update(reviews)
        .set({
          status,
          hiddenReason: body.hidden ? body.reason : null,
          hiddenBy: body.hidden ? m.adminId : null,
          updatedAt: m.now,
        })
        .where(eq(reviews.id, reviewId)),
    ),
    ...recomputeRatings(m.db, review.productId, review.vendorId),
    outboxStatement(
      m.db,
      ReviewChanged,
      { productId: review.productId, vendorId: review.vendorId, reviewId, change: body.hidden ? 'hidden' : 'restored' },
      { now: m.now, traceparent: m.traceparent },
    ),
    auditStatement(
      m.db,
      {
        actor: m.adminId,
        action: body.hidden ? 'review.hide' : 'review.show',
        target: reviewId,
        reason: body.hidden ? body.reason : null,
        detail: { productId: review.productId },
      },
      { now: m.now },
    ),
  ]);
}

/** The moderation queue: most reported first (then newest), optionally only reported or one status. */
export async function listForModeration(db: Db, query: z.infer<typeof ModerationQuery>): Promise<ModerationList> {
  const after = keyset.after(query.cursor, '"reviews"."report_count"', '"reviews"."id"');
  const reported = { '1': gt(reviews.reportCount, 0), '0': eq(reviews.reportCount, 0) };
  const results = await orm(db)
    .select(REVIEW_COLUMNS)
    .from(reviews)
    .where(
      and(
        query.status ? eq(reviews.status, query.status) : undefined,
        query.reported ? reported[query.reported] : undefined,
        after ? bound(after) : undefined,
      ),
    )
    .orderBy(desc(reviews.reportCount), desc(reviews.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keyset.page(results, query.limit, (r) => ({ k: r.report_count, id: r.id }));
  return {
    items: page.map((row) => ({
      ...reviewView(row),
      vendorId: row.vendor_id,
      status: row.status,
      hiddenReason: row.hidden_reason,
      reportCount: row.report_count,
    })),
    nextCursor,
  };
}
