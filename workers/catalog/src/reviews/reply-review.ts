import { outboxStatement, ReviewChanged } from '@linked-all/events';
import { AppError } from '@linked-all/http';

type Reply = { db: D1Database; vendorId: string; now: number; traceparent?: string };

/** The shop answers a review of its product, once; the answer shows under the review. */
export async function replyToReview(r: Reply, reviewId: string, body: string): Promise<void> {
  const review = await r.db
    .prepare('SELECT product_id, reply_body FROM reviews WHERE id = ? AND vendor_id = ?')
    .bind(reviewId, r.vendorId)
    .first<{ product_id: string; reply_body: string | null }>();
  // Another shop's review is simply not found.
  if (!review) throw new AppError('not_found', `There is no review ${reviewId} of your products`);
  if (review.reply_body !== null) throw new AppError('conflict', 'You have already answered this review');
  const [updated] = await r.db.batch([
    r.db
      .prepare('UPDATE reviews SET reply_body = ?, reply_at = ?, updated_at = ? WHERE id = ? AND reply_body IS NULL')
      .bind(body, r.now, r.now, reviewId),
    outboxStatement(
      r.db,
      ReviewChanged,
      { productId: review.product_id, vendorId: r.vendorId, reviewId, change: 'replied' },
      {
        now: r.now,
        traceparent: r.traceparent,
        when: { sql: 'EXISTS (SELECT 1 FROM reviews WHERE id = ? AND reply_at = ?)', args: [reviewId, r.now] },
      },
    ),
  ]);
  if (updated?.meta.changes !== 1) throw new AppError('conflict', 'You have already answered this review');
}
