import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { ProductSummary } from '../../contract';
import { orm } from '../db/orm';
import { coPurchases, productSales, products } from '../db/schema';
import type { Db } from '../db/session';
import {
  ofProduct,
  pairedStrip,
  productSummary,
  STRIP,
  SUMMARY_COLUMNS,
  SUMMARY_ON,
  SUMMARY_TABLES,
  type SummaryRow,
} from '../domain/product-summary';

const { p, v, c, i } = SUMMARY_TABLES;

/**
 * "Often bought together" for a product page: the products most often in the same order, sold in
 * the same country, active and in stock first. With too few orders yet (cold start), the strip is
 * filled with best sellers of the same category.
 */
export function boughtTogetherQueries(db: Db, productId: string) {
  const q = orm(db);
  return [
    pairedStrip(db, coPurchases, productId),
    // Country and category path as equalities, so the (status, country, category_path) index
    // finds exactly the category's rows in that country (the row-value form used no index).
    q
      .select(SUMMARY_COLUMNS)
      .from(p)
      .innerJoin(v, SUMMARY_ON.vendor)
      .innerJoin(c, SUMMARY_ON.category)
      .leftJoin(i, SUMMARY_ON.image)
      .leftJoin(productSales, eq(productSales.productId, p.id))
      .where(
        and(
          eq(p.status, 'active'),
          eq(p.inStock, true),
          ne(p.id, productId),
          eq(p.country, ofProduct(products.country, productId)),
          eq(p.categoryPath, ofProduct(products.categoryPath, productId)),
          eq(p.categoryId, ofProduct(products.categoryId, productId)),
        ),
      )
      .orderBy(sql`coalesce(${productSales.n}, 0) DESC`, desc(p.createdAt), p.id)
      .limit(STRIP),
  ] as const;
}

/** The strip from the answers of `boughtTogetherQueries` (run in the product page's one batch). */
export function boughtTogether(together: SummaryRow[], sameCategory: SummaryRow[]): ProductSummary[] {
  return distinct([...together, ...sameCategory], STRIP);
}

/**
 * "Popular in your country": best sellers there, then the newest in stock when sales are few.
 * Driven from the sales counts (only sold products have one) rather than from every product.
 */
export async function popularIn(db: Db, country: string, limit: number): Promise<ProductSummary[]> {
  const q = orm(db);
  const [sellers, newest] = await q.batch([
    q
      .select(SUMMARY_COLUMNS)
      .from(productSales)
      .innerJoin(p, and(eq(p.id, productSales.productId), eq(p.status, 'active'), eq(p.inStock, true), eq(p.country, country)))
      .innerJoin(v, SUMMARY_ON.vendor)
      .innerJoin(c, SUMMARY_ON.category)
      .leftJoin(i, SUMMARY_ON.image)
      .orderBy(desc(productSales.n), p.id)
      .limit(limit),
    q
      .select(SUMMARY_COLUMNS)
      .from(p)
      .innerJoin(v, SUMMARY_ON.vendor)
      .innerJoin(c, SUMMARY_ON.category)
      .leftJoin(i, SUMMARY_ON.image)
      .where(and(eq(p.status, 'active'), eq(p.country, country), eq(p.inStock, true)))
      .orderBy(desc(p.createdAt), p.id)
      .limit(limit),
  ]);
  return distinct([...sellers, ...newest], limit);
}

function distinct(rows: SummaryRow[], limit: number): ProductSummary[] {
  const seen = new Set<string>();
  return rows
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, limit)
    .map(productSummary);
}
