import { bound } from '@linked-all/db';
import { keyset } from '@linked-all/http';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { VendorProductList, VendorProductListQuery } from '../../contract';
import { orm } from '../db/orm';
import { products } from '../db/schema';
import type { Db } from '../db/session';
import { iso, priceView } from './views';

/** A vendor's own products in every status, newest change first (the vendor PWA's list). */
export async function listVendorProducts(
  db: Db,
  vendorId: string,
  query: z.output<typeof VendorProductListQuery>,
): Promise<VendorProductList> {
  // A shop has hundreds of products, not millions: a scan of its own rows is fine. Each word
  // must appear; LIKE's wildcards in the input are matched literally.
  const words = query.q ? query.q.split(/\s+/).slice(0, 5) : [];
  const titleHas = words.map(
    (word) => sql`${products.title} LIKE ${`%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} ESCAPE '\\'`,
  );
  const after = keyset.after(query.cursor, '"products"."updated_at"', '"products"."id"');
  const results = await orm(db)
    .select({
      id: products.id,
      title: products.title,
      status: products.status,
      currency: products.currency,
      minPrice: products.minPrice,
      inStock: products.inStock,
      version: products.version,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .where(
      and(
        eq(products.vendorId, vendorId),
        query.status ? eq(products.status, query.status) : undefined,
        ...titleHas,
        after ? bound(after) : undefined,
      ),
    )
    .orderBy(desc(products.updatedAt), desc(products.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keyset.page(results, query.limit, (r) => ({ k: r.updatedAt, id: r.id }));
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      price: priceView(r.minPrice, r.currency),
      inStock: r.inStock,
      version: r.version,
      updatedAt: iso(r.updatedAt),
    })),
    nextCursor,
  };
}
