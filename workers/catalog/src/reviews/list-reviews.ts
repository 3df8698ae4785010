import { keyset } from '@linked-all/http';
import type { ListReviewsQuery, ReviewList, ReviewView } from '../../contract';
import type { Db } from '../db/session';
import { REVIEW_COLUMNS, type ReviewRow, reviewView } from './review-view';

// Most helpful first breaks ties by id, which is time-ordered: newest first among equals.
const SORT_KEY = { helpful: 'r.helpful_count', newest: 'r.created_at' } as const;

/** A product's published reviews, a page at a time, with its rating and the count per star. */
export async function listReviews(db: Db, productId: string, query: ListReviewsQuery): Promise<ReviewList> {
  const key = SORT_KEY[query.sort];
  const after = keyset.after(query.cursor, key, 'r.id');
  const [pageResult, starsResult] = await db.batch([
    db
      .prepare(
        `SELECT ${REVIEW_COLUMNS} FROM reviews r
          WHERE r.product_id = ? AND r.status = 'published' ${after ? `AND ${after.sql}` : ''}
          ORDER BY ${key} DESC, r.id DESC LIMIT ?`,
      )
      .bind(productId, ...(after?.args ?? []), query.limit + 1),
    db
      .prepare(`SELECT rating, count(*) AS n FROM reviews WHERE product_id = ? AND status = 'published' GROUP BY rating`)
      .bind(productId),
  ]);
  const rows = pageResult.results as ReviewRow[];
  const { page, nextCursor } = keyset.page(rows, query.limit, (r) => ({
    k: query.sort === 'helpful' ? r.helpful_count : r.created_at,
    id: r.id,
  }));
  const stars = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const { rating, n } of starsResult.results as { rating: 1 | 2 | 3 | 4 | 5; n: number }[]) {
    stars[rating] = n;
    count += n;
    sum += rating * n;
  }
  return {
    items: page.map(reviewView),
    nextCursor,
    rating: { average: count ? Math.round((sum / count) * 100) / 100 : null, count, stars },
  };
}

/** The three most helpful published reviews, for the product page (beside the product query). */
export function topReviewsStatement(db: Db, productId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.product_id = ? AND r.status = 'published'
        ORDER BY r.helpful_count DESC, r.id DESC LIMIT 3`,
    )
    .bind(productId);
}

export function topReviews(rows: unknown[]): ReviewView[] {
  return (rows as ReviewRow[]).map(reviewView);
}
