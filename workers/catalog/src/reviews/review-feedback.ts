import { AppError } from '@linked-all/http';
import { and, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReportBody } from '../../contract';
import { orm } from '../db/orm';
import { reviewReports, reviews, reviewVotes } from '../db/schema';

type Feedback = { db: D1Database; userId: string; now: number };

async function publishedReview(db: D1Database, reviewId: string) {
  const review = await orm(db).query.reviews.findFirst({
    columns: { authorId: true },
    where: and(eq(reviews.id, reviewId), eq(reviews.status, 'published')),
  });
  if (!review) throw new AppError('not_found', `There is no review ${reviewId}`);
  return review;
}

/**
 * "This review helped me": once per shopper (a second vote changes nothing), never on one's own.
 * The count is recounted from the votes, so concurrent votes cannot lose one.
 */
export async function voteHelpful(f: Feedback, reviewId: string): Promise<{ helpfulCount: number }> {
  const review = await publishedReview(f.db, reviewId);
  if (review.authorId === f.userId) throw new AppError('forbidden', 'You cannot vote for your own review');
  const db = orm(f.db);
  const [, , counted] = await db.batch([
    db.insert(reviewVotes).values({ reviewId, userId: f.userId, createdAt: f.now }).onConflictDoNothing(),
    db
      .update(reviews)
      .set({ helpfulCount: sql`(SELECT ${count()} FROM ${reviewVotes} WHERE ${eq(reviewVotes.reviewId, reviewId)})` })
      .where(eq(reviews.id, reviewId)),
    db.select({ helpfulCount: reviews.helpfulCount }).from(reviews).where(eq(reviews.id, reviewId)),
  ]);
  return { helpfulCount: counted[0]?.helpfulCount ?? 0 };
}

/** A shopper reports a review to the moderators, once; the moderation queue shows the most reported first. */
export async function reportReview(f: Feedback, reviewId: string, body: z.infer<typeof ReportBody>): Promise<void> {
  await publishedReview(f.db, reviewId);
  const reason = body.note ? `${body.reason}: ${body.note}` : body.reason;
  const db = orm(f.db);
  await db.batch([
    db.insert(reviewReports).values({ reviewId, userId: f.userId, reason, createdAt: f.now }).onConflictDoNothing(),
    db
      .update(reviews)
      .set({ reportCount: sql`(SELECT ${count()} FROM ${reviewReports} WHERE ${eq(reviewReports.reviewId, reviewId)})` })
      .where(eq(reviews.id, reviewId)),
  ]);
}
