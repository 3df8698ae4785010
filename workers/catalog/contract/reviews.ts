import { idPattern } from '@linked-all/http';
import { z } from 'zod';

// Reviews: requests and views. Only the buyer of a delivered vendor order reviews its products,
// once per purchase; text is plain (pages escape it), photos are image keys from our pipeline.

export const ReviewId = z.string().regex(idPattern('rev'), 'Expected a review id like rev_…');
const VendorOrderRef = z.string().regex(idPattern('vor'), 'Expected a vendor order id like vor_…');
const PhotoKey = z
  .string()
  .regex(/^reviews\/usr_[0-9a-z]+\/img_[0-9a-z]+\.(webp|jpg)$/, 'Expected a photo key returned by PUT /v1/reviews/images');

export const CreateReviewBody = z
  .object({
    vendorOrderId: VendorOrderRef,
    rating: z.number().int('Rating is a whole number of stars').min(1).max(5),
    title: z.string().trim().max(120).default(''),
    body: z.string().trim().min(3, 'Say a few words about the product').max(2000),
    photos: z.array(PhotoKey).max(4, 'At most 4 photos').default([]),
  })
  .strict();
export type CreateReviewBody = z.infer<typeof CreateReviewBody>;

export const REVIEW_SORTS = ['helpful', 'newest'] as const;
export const ListReviewsQuery = z
  .object({
    sort: z.enum(REVIEW_SORTS).default('helpful'),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListReviewsQuery = z.infer<typeof ListReviewsQuery>;

export const ReplyBody = z.object({ body: z.string().trim().min(2).max(1000) }).strict();

export const REPORT_REASONS = ['spam', 'offensive', 'not_about_product', 'fake', 'personal_data', 'other'] as const;
export const ReportBody = z.object({ reason: z.enum(REPORT_REASONS), note: z.string().trim().max(500).optional() }).strict();

export const VisibilityBody = z.discriminatedUnion('hidden', [
  z.object({ hidden: z.literal(true), reason: z.string().trim().min(3, 'Say why the review is hidden').max(300) }).strict(),
  z.object({ hidden: z.literal(false), reason: z.string().trim().max(300).optional() }).strict(),
]);

export const ModerationQuery = z
  .object({
    status: z.enum(['published', 'hidden']).optional(),
    reported: z.enum(['1', '0']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const ReviewView = z.object({
  id: ReviewId,
  productId: z.string(),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  photos: z.array(z.string()),
  /** Always true: only buyers of a delivered order can write one. */
  verifiedPurchase: z.literal(true),
  helpfulCount: z.number().int(),
  reply: z.object({ body: z.string(), at: z.iso.datetime() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const RatingSummary = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

export const ReviewList = z.object({
  items: z.array(ReviewView),
  nextCursor: z.string().nullable(),
  rating: RatingSummary.extend({
    stars: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
  }),
});
export type ReviewList = z.infer<typeof ReviewList>;

/** What a moderator sees: the review with its state and reports. */
export const ModeratedReview = ReviewView.extend({
  vendorId: z.string(),
  status: z.enum(['published', 'hidden']),
  hiddenReason: z.string().nullable(),
  reportCount: z.number().int(),
});
export const ModerationList = z.object({ items: z.array(ModeratedReview), nextCursor: z.string().nullable() });
export type ModerationList = z.infer<typeof ModerationList>;

export const ReviewPhoto = z.object({ key: PhotoKey, url: z.string() });
