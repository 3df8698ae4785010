import { statement } from '@linked-all/db';
import { and, eq, gt, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { products, skus } from '../db/schema';

/** What every catalog write needs besides its input: explicit, so tests can pass their own. */
export type WriteContext = {
  db: D1Database;
  vendorId: string;
  now: number;
  traceparent?: string;
};

/**
 * Re-derives a product's price range and stock flag from its live SKUs and
 * bumps its version. Runs in the same batch as every SKU change, so the
 * listing columns can never disagree with the SKUs.
 */
export function refreshProductStatement(ctx: WriteContext, productId: string): D1PreparedStatement {
  const live = and(eq(skus.productId, productId), eq(skus.archived, false));
  return statement(
    ctx.db,
    orm(ctx.db)
      .update(products)
      .set({
        minPrice: sql`coalesce((SELECT min(${skus.price}) FROM ${skus} WHERE ${live}), 0)`,
        maxPrice: sql`coalesce((SELECT max(${skus.price}) FROM ${skus} WHERE ${live}), 0)`,
        inStock: sql`EXISTS (SELECT 1 FROM ${skus} WHERE ${and(live, gt(skus.available, 0))})`,
        version: sql`${products.version} + 1`,
        updatedAt: ctx.now,
      })
      .where(and(eq(products.id, productId), eq(products.vendorId, ctx.vendorId))),
  );
}
