import { existsGuard, statement } from '@linked-all/db';
import { outboxStatement, ReviewChanged } from '@linked-all/events';
import { AppError, newId, traced } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import type { CreateReviewBody } from '../../contract';
import { orm } from '../db/orm';
import { products, reviews } from '../db/schema';
import { callService } from '../service-calls';
import { recomputeRatings } from './rating-aggregates';
import { checkReviewPhotos } from './review-photos';

export type ReviewWriter = {
  db: D1Database;
  orders: CatalogEnv['ORDERS'];
  images: R2Bucket;
  userId: string;
  now: number;
  traceparent?: string;
};

/**
 * Publishes a shopper's review of a product they received. Orders is asked who bought the vendor
 * order and whether it was delivered: anything else (someone else's order, not yet delivered, a
 * product that was not in it) is 403 with the reason, and nothing is written. The unique
 * (vendor order, product) pair makes a second review of the same purchase a 409, even when two
 * arrive at once. The ratings are recomputed in the same batch; the event invalidates cached pages.
 */
export async function writeReview(w: ReviewWriter, productId: string, body: CreateReviewBody): Promise<{ id: string }> {
  const product = await orm(w.db).query.products.findFirst({
    columns: { id: true, vendorId: true },
    where: eq(products.id, productId),
  });
  if (!product) throw new AppError('not_found', `There is no product ${productId}`);

  const purchase = await callService('orders', () => traced(w.orders).purchase(body.vendorOrderId));
  // The same answer whether the order does not exist or is someone else's: ids are not disclosed.
  if (!purchase || purchase.buyerId !== w.userId) {
    throw new AppError('forbidden', 'Only the shopper who bought this order can review its products');
  }
  if (!purchase.productIds.includes(productId) || purchase.vendorId !== product.vendorId) {
    throw new AppError('forbidden', `Order ${body.vendorOrderId} did not contain product ${productId}`);
  }
  if (!purchase.deliveredAt) {
    throw new AppError('forbidden', 'You can review a product once it has been delivered to you');
  }

  await checkReviewPhotos(w.images, w.userId, body.photos);

  const id = newId('rev', w.now);
  const db = orm(w.db);
  // One review per purchase: the unique (vendor_order_id, product_id) decides, not a read before.
  const insert = statement(
    w.db,
    db
      .insert(reviews)
      .values({
        id,
        productId,
        vendorId: product.vendorId,
        vendorOrderId: body.vendorOrderId,
        authorId: w.userId,
        rating: body.rating,
        title: body.title,
        body: body.body,
        photos: body.photos,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .onConflictDoNothing({ target: [reviews.vendorOrderId, reviews.productId] }),
  );
  const event = outboxStatement(
    w.db,
    ReviewChanged,
    { productId, vendorId: product.vendorId, reviewId: id, change: 'published' },
    {
      now: w.now,
      traceparent: w.traceparent,
      when: existsGuard(db.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, id))),
    },
  );
  const [inserted] = await w.db.batch([insert, event, ...recomputeRatings(w.db, productId, product.vendorId)]);
  if (inserted?.meta.changes !== 1) {
    throw new AppError('conflict', 'You have already reviewed this product for this order');
  }
  return { id };
}
