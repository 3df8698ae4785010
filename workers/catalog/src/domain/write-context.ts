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
  return ctx.db
    .prepare(
      `UPDATE products SET
         min_price = coalesce((SELECT min(price) FROM skus WHERE product_id = ?1 AND archived = 0), 0),
         max_price = coalesce((SELECT max(price) FROM skus WHERE product_id = ?1 AND archived = 0), 0),
         in_stock = EXISTS (SELECT 1 FROM skus WHERE product_id = ?1 AND archived = 0 AND available > 0),
         version = version + 1,
         updated_at = ?2
       WHERE id = ?1 AND vendor_id = ?3`,
    )
    .bind(productId, ctx.now, ctx.vendorId);
}
