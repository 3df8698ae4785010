import type { ReviewView } from '../../contract';
import { reviews } from '../db/schema';

/** A reviews row as every review query selects it. */
export type ReviewRow = {
  id: string;
  product_id: string;
  vendor_id: string;
  rating: number;
  title: string;
  body: string;
  photos: string[];
  status: 'published' | 'hidden';
  hidden_reason: string | null;
  helpful_count: number;
  report_count: number;
  reply_body: string | null;
  reply_at: number | null;
  created_at: number;
};

/** The select list of a ReviewRow. */
export const REVIEW_COLUMNS = {
  id: reviews.id,
  product_id: reviews.productId,
  vendor_id: reviews.vendorId,
  rating: reviews.rating,
  title: reviews.title,
  body: reviews.body,
  photos: reviews.photos,
  status: reviews.status,
  hidden_reason: reviews.hiddenReason,
  helpful_count: reviews.helpfulCount,
  report_count: reviews.reportCount,
  reply_body: reviews.replyBody,
  reply_at: reviews.replyAt,
  created_at: reviews.createdAt,
};

/** The public view of a review: no author id (buyers are "verified", never named or linked). */
export function reviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    productId: row.product_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    photos: row.photos,
    verifiedPurchase: true,
    helpfulCount: row.helpful_count,
    reply:
      row.reply_body !== null && row.reply_at !== null
        ? { body: row.reply_body, at: new Date(row.reply_at).toISOString() }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
