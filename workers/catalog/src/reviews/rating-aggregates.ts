import type { Db } from '../db/session';

/**
 * Recomputes a product's and its shop's rating from their published reviews. Derived from the
 * rows every time (not incremented), so running it twice for the same event changes nothing.
 */
export function recomputeRatings(db: Db, productId: string, vendorId: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE products SET
           rating_average = (SELECT round(avg(rating), 2) FROM reviews WHERE product_id = ?1 AND status = 'published'),
           rating_count = (SELECT count(*) FROM reviews WHERE product_id = ?1 AND status = 'published'),
           version = version + 1
         WHERE id = ?1`,
      )
      .bind(productId),
    // A shop with no published review keeps the rating it had (seeded demo shops have one).
    db
      .prepare(
        `UPDATE vendors SET
           rating = coalesce((SELECT round(avg(rating), 1) FROM reviews WHERE vendor_id = ?1 AND status = 'published'), rating),
           rating_count = (SELECT count(*) FROM reviews WHERE vendor_id = ?1 AND status = 'published')
         WHERE id = ?1`,
      )
      .bind(vendorId),
  ];
}
