import { traced } from '@linked-all/http';
import { callOrders } from '../service-calls';

const CURSOR = 'confirmed-orders';
const PAGE = 100;
const MAX_PAGES = 10;
// An order of many products adds n·(n−1) pairs: beyond 10 products the extra pairs say little.
const MAX_PRODUCTS_PER_ORDER = 10;

/**
 * Counts what was bought together, from the orders confirmed since the last run: a page at a time,
 * each page's counts and the cursor's move in one batch (so a crash counts a page zero or one
 * time, and two overlapping runs count it once: see read_cursors.run_id).
 */
export async function countConfirmedPurchases(env: Pick<CatalogEnv, 'DB' | 'ORDERS'>): Promise<{ orders: number }> {
  const db = env.DB;
  await db.prepare("INSERT INTO read_cursors (name, k, id) VALUES (?, 0, '') ON CONFLICT DO NOTHING").bind(CURSOR).run();
  let counted = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const cursor = await db
      .prepare('SELECT k, id FROM read_cursors WHERE name = ?')
      .bind(CURSOR)
      .first<{ k: number; id: string }>();
    const after = cursor && cursor.id !== '' ? cursor : null;
    const { items, next } = await callOrders(() => traced(env.ORDERS).confirmedOrders(after, PAGE));
    if (items.length === 0 || !next) break;
    const runId = crypto.randomUUID();
    const guard = 'EXISTS (SELECT 1 FROM read_cursors WHERE name = ? AND run_id = ?)';
    const statements: D1PreparedStatement[] = [
      db
        .prepare('UPDATE read_cursors SET k = ?, id = ?, run_id = ? WHERE name = ? AND k = ? AND id = ?')
        .bind(next.k, next.id, runId, CURSOR, cursor?.k ?? 0, cursor?.id ?? ''),
    ];
    for (const order of items) {
      const products = [...new Set(order.productIds)].slice(0, MAX_PRODUCTS_PER_ORDER);
      for (const a of products) {
        statements.push(
          db
            .prepare(`INSERT INTO product_sales (product_id, n) SELECT ?, 1 WHERE ${guard} ON CONFLICT DO UPDATE SET n = n + 1`)
            .bind(a, CURSOR, runId),
          // The same count on the product, where search ranks by it (products.popularity, migration 0010).
          db.prepare(`UPDATE products SET sales = sales + 1 WHERE id = ? AND ${guard}`).bind(a, CURSOR, runId),
        );
        for (const b of products) {
          if (a === b) continue;
          statements.push(
            db
              .prepare(
                `INSERT INTO co_purchases (product_id, other_id, n) SELECT ?, ?, 1 WHERE ${guard} ON CONFLICT DO UPDATE SET n = n + 1`,
              )
              .bind(a, b, CURSOR, runId),
          );
        }
      }
    }
    const [moved] = await db.batch(statements);
    // Another run moved the cursor first: it counted this page; read on from where it stopped.
    if (moved?.meta.changes === 1) counted += items.length;
    if (items.length < PAGE) break;
  }
  return { orders: counted };
}
