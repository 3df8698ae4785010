import { and, count, eq, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { products as p, vendors as v } from '../db/schema';
import type { Db } from '../db/session';
import { iso } from './views';

/** A shop's public profile; suspended or closed shops are not found. */
export async function getVendor(db: Db, id: string) {
  const productCount = orm(db)
    .select({ n: count() })
    .from(p)
    .where(and(eq(p.vendorId, v.id), eq(p.status, 'active')));
  const [row] = await orm(db)
    .select({
      id: v.id,
      slug: v.slug,
      name: v.name,
      country: v.country,
      city: v.city,
      currency: v.currency,
      rating: v.rating,
      ratingCount: v.ratingCount,
      createdAt: v.createdAt,
      productCount: sql<number>`(${productCount})`.mapWith(Number),
    })
    .from(v)
    .where(and(eq(v.id, id), eq(v.status, 'active')));
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country as 'NG',
    city: row.city,
    currency: row.currency as 'NGN',
    rating: row.rating,
    ratingCount: row.ratingCount,
    productCount: row.productCount,
    createdAt: iso(row.createdAt),
  };
}
