import { z } from 'zod';
import type { ReviewView } from '../../contract';

/** A reviews row as every review query selects it. */
export type ReviewRow = {
  id: string;
  product_id: string;
  vendor_id: string;
  rating: number;
  title: string;
  body: string;
  photos: string;
  status: 'published' | 'hidden';
  hidden_reason: string | null;
  helpful_count: number;
  report_count: number;
  reply_body: string | null;
  reply_at: number | null;
  created_at: number;
};

export const REVIEW_COLUMNS = `r.id, r.product_id, r.vendor_id, r.rating, r.title, r.body, r.photos, r.status,
  r.hidden_reason, r.helpful_count, r.report_count, r.reply_body, r.reply_at, r.created_at`;

const Photos = z.array(z.string());

/** The public view of a review: no author id (buyers are "verified", never named or linked). */
export function reviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    productId: row.product_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    photos: Photos.parse(JSON.parse(row.photos)),
    verifiedPurchase: true,
    helpfulCount: row.helpful_count,
    reply:
      row.reply_body !== null && row.reply_at !== null
        ? { body: row.reply_body, at: new Date(row.reply_at).toISOString() }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
