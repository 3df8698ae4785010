import { and, eq, inArray } from 'drizzle-orm';
import { orm } from '../db/orm';
import { reviews } from '../db/schema';

/** At most this many vendor orders per question: one order's packages, never a scan. */
const MAX_VENDOR_ORDERS = 50;

/**
 * Which products of these vendor orders the user has already reviewed (published or hidden: a
 * hidden review is still the one review of that purchase). The order page offers a review form
 * for the others. Uses the (vendor_order_id, product_id) unique index.
 */
export async function reviewedPurchases(
  db: D1Database,
  userId: string,
  vendorOrderIds: string[],
): Promise<{ vendorOrderId: string; productId: string }[]> {
  const ids = vendorOrderIds.filter((id) => typeof id === 'string').slice(0, MAX_VENDOR_ORDERS);
  if (ids.length === 0) return [];
  return orm(db)
    .select({ vendorOrderId: reviews.vendorOrderId, productId: reviews.productId })
    .from(reviews)
    .where(and(eq(reviews.authorId, userId), inArray(reviews.vendorOrderId, ids)));
}
