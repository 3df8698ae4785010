import { existsGuard, statement } from '@linked-all/db';
import { outboxStatement, ReviewChanged } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { and, eq, isNull } from 'drizzle-orm';
import { orm } from '../db/orm';
import { reviews } from '../db/schema';

type Reply = { db: D1Database; vendorId: string; now: number; traceparent?: string };

/** The shop answers a review of its product, once; the answer shows under the review. */
export async function replyToReview(r: Reply, reviewId: string, body: string): Promise<void> {
  const db = orm(r.db);
  const review = await db.query.reviews.findFirst({
    columns: { productId: true, replyBody: true },
    where: and(eq(reviews.id, reviewId), eq(reviews.vendorId, r.vendorId)),
  });
  // Another shop's review is simply not found.
  if (!review) throw new AppError('not_found', `There is no review ${reviewId} of your products`);
  if (review.replyBody !== null) throw new AppError('conflict', 'You have already answered this review');
  const [updated] = await r.db.batch([
    // Only the first answer lands: the WHERE on an empty reply makes a second one change nothing.
    statement(
      r.db,
      db
        .update(reviews)
        .set({ replyBody: body, replyAt: r.now, updatedAt: r.now })
        .where(and(eq(reviews.id, reviewId), isNull(reviews.replyBody))),
    ),
    outboxStatement(
      r.db,
      ReviewChanged,
      { productId: review.productId, vendorId: r.vendorId, reviewId, change: 'replied' },
      {
        now: r.now,
        traceparent: r.traceparent,
        when: existsGuard(
          db
            .select({ id: reviews.id })
            .from(reviews)
            .where(and(eq(reviews.id, reviewId), eq(reviews.replyAt, r.now))),
        ),
      },
    ),
  ]);
  if (updated?.meta.changes !== 1) throw new AppError('conflict', 'You have already answered this review');
}
