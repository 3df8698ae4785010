import { bound } from '@linked-all/db';
import { keyset } from '@linked-all/http';
import { and, count, desc, eq } from 'drizzle-orm';
import type { ListReviewsQuery, ReviewList } from '../../contract';
import { orm } from '../db/orm';
import { reviews } from '../db/schema';
import type { Db } from '../db/session';
import { REVIEW_COLUMNS, reviewView } from './review-view';

// Most helpful first breaks ties by id, which is time-ordered: newest first among equals.
const SORT_KEY = {
  helpful: { column: reviews.helpfulCount, name: '"reviews"."helpful_count"' },
  newest: { column: reviews.createdAt, name: '"reviews"."created_at"' },
} as const;

const published = (productId: string) => and(eq(reviews.productId, productId), eq(reviews.status, 'published'));

/** A product's published reviews, a page at a time, with its rating and the count per star. */
export async function listReviews(db: Db, productId: string, query: ListReviewsQuery): Promise<ReviewList> {
  const key = SORT_KEY[query.sort];
  const after = keyset.after(query.cursor, key.name, '"reviews"."id"');
  const q = orm(db);
  const [rows, starRows] = await q.batch([
    q
      .select(REVIEW_COLUMNS)
      .from(reviews)
      .where(and(published(productId), after ? bound(after) : undefined))
      .orderBy(desc(key.column), desc(reviews.id))
      .limit(query.limit + 1),
    q.select({ rating: reviews.rating, n: count() }).from(reviews).where(published(productId)).groupBy(reviews.rating),
  ]);
  const { page, nextCursor } = keyset.page(rows, query.limit, (r) => ({
    k: query.sort === 'helpful' ? r.helpful_count : r.created_at,
    id: r.id,
  }));
  const byRating = new Map(starRows.map((r) => [r.rating, r.n]));
  const stars = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const rating of [1, 2, 3, 4, 5] as const) stars[rating] = byRating.get(rating) ?? 0;
  const total = starRows.reduce((n, r) => n + r.n, 0);
  const sum = starRows.reduce((n, r) => n + r.rating * r.n, 0);
  return {
    items: page.map(reviewView),
    nextCursor,
    rating: { average: total ? Math.round((sum / total) * 100) / 100 : null, count: total, stars },
  };
}

/** The three most helpful published reviews, for the product page (beside the product query). */
export function topReviewsQuery(db: Db, productId: string) {
  return orm(db)
    .select(REVIEW_COLUMNS)
    .from(reviews)
    .where(published(productId))
    .orderBy(desc(reviews.helpfulCount), desc(reviews.id))
    .limit(3);
}
