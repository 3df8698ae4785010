import { statement } from '@linked-all/db';
import { and, avg, count, eq, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { products, reviews, vendors } from '../db/schema';
import type { Db } from '../db/session';

/**
 * Recomputes a product's and its shop's rating from their published reviews. Derived from the
 * rows every time (not incremented), so running it twice for the same event changes nothing.
 */
export function recomputeRatings(db: Db, productId: string, vendorId: string): D1PreparedStatement[] {
  const q = orm(db);
  const ofProduct = and(eq(reviews.productId, productId), eq(reviews.status, 'published'));
  const ofVendor = and(eq(reviews.vendorId, vendorId), eq(reviews.status, 'published'));
  return [
    statement(
      db,
      q
        .update(products)
        .set({
          ratingAverage: sql`(SELECT round(${avg(reviews.rating)}, 2) FROM ${reviews} WHERE ${ofProduct})`,
          ratingCount: sql`(SELECT ${count()} FROM ${reviews} WHERE ${ofProduct})`,
          version: sql`${products.version} + 1`,
        })
        .where(eq(products.id, productId)),
    ),
    // A shop with no published review keeps the rating it had (seeded demo shops have one).
    statement(
      db,
      q
        .update(vendors)
        .set({
          rating: sql`coalesce((SELECT round(${avg(reviews.rating)}, 1) FROM ${reviews} WHERE ${ofVendor}), ${vendors.rating})`,
          ratingCount: sql`(SELECT ${count()} FROM ${reviews} WHERE ${ofVendor})`,
        })
        .where(eq(vendors.id, vendorId)),
    ),
  ];
}
