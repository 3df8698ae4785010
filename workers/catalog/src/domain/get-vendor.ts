import type { Db } from '../db/session';
import { iso } from './views';

type Row = {
  id: string;
  slug: string;
  name: string;
  country: string;
  city: string;
  currency: string;
  rating: number | null;
  rating_count: number;
  created_at: number;
  product_count: number;
};

/** A shop's public profile; suspended or closed shops are not found. */
export async function getVendor(db: Db, id: string) {
  const row = await db
    .prepare(
      `SELECT v.id, v.slug, v.name, v.country, v.city, v.currency, v.rating, v.rating_count, v.created_at,
              (SELECT count(*) FROM products p WHERE p.vendor_id = v.id AND p.status = 'active') AS product_count
       FROM vendors v WHERE v.id = ? AND v.status = 'active'`,
    )
    .bind(id)
    .first<Row>();
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country as 'NG',
    city: row.city,
    currency: row.currency as 'NGN',
    rating: row.rating,
    ratingCount: row.rating_count,
    productCount: row.product_count,
    createdAt: iso(row.created_at),
  };
}
