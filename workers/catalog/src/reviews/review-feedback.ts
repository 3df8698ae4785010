import { AppError } from '@linked-all/http';
import type { z } from 'zod';
import type { ReportBody } from '../../contract';

type Feedback = { db: D1Database; userId: string; now: number };

async function publishedReview(db: D1Database, reviewId: string) {
  const review = await db
    .prepare(`SELECT author_id FROM reviews WHERE id = ? AND status = 'published'`)
    .bind(reviewId)
    .first<{ author_id: string }>();
  if (!review) throw new AppError('not_found', `There is no review ${reviewId}`);
  return review;
}

/**
 * "This review helped me": once per shopper (a second vote changes nothing), never on one's own.
 * The count is recounted from the votes, so concurrent votes cannot lose one.
 */
export async function voteHelpful(f: Feedback, reviewId: string): Promise<{ helpfulCount: number }> {
  const review = await publishedReview(f.db, reviewId);
  if (review.author_id === f.userId) throw new AppError('forbidden', 'You cannot vote for your own review');
  const [, , counted] = await f.db.batch([
    f.db
      .prepare('INSERT INTO review_votes (review_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(reviewId, f.userId, f.now),
    f.db
      .prepare('UPDATE reviews SET helpful_count = (SELECT count(*) FROM review_votes WHERE review_id = ?1) WHERE id = ?1')
      .bind(reviewId),
    f.db.prepare('SELECT helpful_count FROM reviews WHERE id = ?').bind(reviewId),
  ]);
  const row = counted?.results[0] as { helpful_count: number } | undefined;
  return { helpfulCount: row?.helpful_count ?? 0 };
}

/** A shopper reports a review to the moderators, once; the moderation queue shows the most reported first. */
export async function reportReview(f: Feedback, reviewId: string, body: z.infer<typeof ReportBody>): Promise<void> {
  await publishedReview(f.db, reviewId);
  const reason = body.note ? `${body.reason}: ${body.note}` : body.reason;
  await f.db.batch([
    f.db
      .prepare('INSERT INTO review_reports (review_id, user_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(reviewId, f.userId, reason, f.now),
    f.db
      .prepare('UPDATE reviews SET report_count = (SELECT count(*) FROM review_reports WHERE review_id = ?1) WHERE id = ?1')
      .bind(reviewId),
  ]);
}
