import type { ProductSummary } from '../../contract';
import type { Db } from '../db/session';
import { productSummary, SUMMARY_COLUMNS, SUMMARY_JOINS, type SummaryRow } from '../domain/product-summary';

const STRIP = 4;

/**
 * "Often bought together" for a product page: the products most often in the same order, sold in
 * the same country, active and in stock first. With too few orders yet (cold start), the strip is
 * filled with best sellers of the same category.
 */
export function boughtTogetherStatements(db: Db, productId: string): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db
      .prepare(
        // CROSS JOIN keeps SQLite driving from this product's co-purchases (a few rows): left to
        // itself it scanned the country's products (≈ 270 ms per product page at 100k products).
        `SELECT ${SUMMARY_COLUMNS} FROM co_purchases cp
           CROSS JOIN products p ON p.id = cp.other_id AND p.status = 'active'
           ${SUMMARY_JOINS}
          WHERE cp.product_id = ?1 AND p.country = (SELECT country FROM products WHERE id = ?1)
          ORDER BY p.in_stock DESC, cp.n DESC, p.id LIMIT ${STRIP}`,
      )
      .bind(productId),
    db
      .prepare(
        // Country and category path as equalities, so the (status, country, category_path) index
        // finds exactly the category's rows in that country (the row-value form used no index).
        `SELECT ${SUMMARY_COLUMNS} FROM products p
           ${SUMMARY_JOINS}
           LEFT JOIN product_sales s ON s.product_id = p.id
          WHERE p.status = 'active' AND p.in_stock = 1 AND p.id <> ?1
            AND p.country = (SELECT country FROM products WHERE id = ?1)
            AND p.category_path = (SELECT category_path FROM products WHERE id = ?1)
            AND p.category_id = (SELECT category_id FROM products WHERE id = ?1)
          ORDER BY coalesce(s.n, 0) DESC, p.created_at DESC, p.id LIMIT ${STRIP}`,
      )
      .bind(productId),
  ];
}

/** The strip from the answers of `boughtTogetherStatements` (run in the product page's one batch). */
export function boughtTogether(together: D1Result, sameCategory: D1Result): ProductSummary[] {
  return distinct([...(together.results as SummaryRow[]), ...(sameCategory.results as SummaryRow[])], STRIP);
}

/**
 * "Popular in your country": best sellers there, then the newest in stock when sales are few.
 * Driven from the sales counts (only sold products have one) rather than from every product.
 */
export async function popularIn(db: Db, country: string, limit: number): Promise<ProductSummary[]> {
  const [sellers, newest] = await db.batch([
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM product_sales s
           JOIN products p ON p.id = s.product_id AND p.status = 'active' AND p.in_stock = 1 AND p.country = ?
           ${SUMMARY_JOINS}
          ORDER BY s.n DESC, p.id LIMIT ?`,
      )
      .bind(country, limit),
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM products p
           ${SUMMARY_JOINS}
          WHERE p.status = 'active' AND p.country = ? AND p.in_stock = 1
          ORDER BY p.created_at DESC, p.id LIMIT ?`,
      )
      .bind(country, limit),
  ]);
  return distinct([...(sellers.results as SummaryRow[]), ...(newest.results as SummaryRow[])], limit);
}

function distinct(rows: SummaryRow[], limit: number): ProductSummary[] {
  const seen = new Set<string>();
  return rows
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, limit)
    .map(productSummary);
}
