import { statement } from '@linked-all/db';
import { traced } from '@linked-all/http';
import { and, eq, exists, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { coPurchases, products as p, productSales, readCursors } from '../db/schema';
import { callService } from '../service-calls';

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
  const q = orm(db);
  await q.insert(readCursors).values({ name: CURSOR, k: 0, id: '' }).onConflictDoNothing();
  let counted = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const cursor = await q.query.readCursors.findFirst({ columns: { k: true, id: true }, where: eq(readCursors.name, CURSOR) });
    const after = cursor && cursor.id !== '' ? cursor : null;
    const { items, next } = await callService('orders', () => traced(env.ORDERS).confirmedOrders(after, PAGE));
    if (items.length === 0 || !next) break;
    const runId = crypto.randomUUID();
    // Every count of the page lands only if this run moved the cursor (the first statement).
    const guard = exists(
      q
        .select({ one: sql`1` })
        .from(readCursors)
        .where(and(eq(readCursors.name, CURSOR), eq(readCursors.runId, runId))),
    );
    const statements: D1PreparedStatement[] = [
      statement(
        db,
        q
          .update(readCursors)
          .set({ k: next.k, id: next.id, runId })
          .where(and(eq(readCursors.name, CURSOR), eq(readCursors.k, cursor?.k ?? 0), eq(readCursors.id, cursor?.id ?? ''))),
      ),
    ];
    for (const order of items) {
      const products = [...new Set(order.productIds)].slice(0, MAX_PRODUCTS_PER_ORDER);
      for (const a of products) {
        statements.push(
          statement(
            db,
            q
              .insert(productSales)
              .select(sql`SELECT ${a}, 1 WHERE ${guard}`)
              .onConflictDoUpdate({ target: productSales.productId, set: { n: sql`${productSales.n} + 1` } }),
          ),
          // The same count on the product, where search ranks by it (products.popularity, migration 0010).
          statement(
            db,
            q
              .update(p)
              .set({ sales: sql`${p.sales} + 1` })
              .where(and(eq(p.id, a), guard)),
          ),
        );
        for (const b of products) {
          if (a === b) continue;
          statements.push(
            statement(
              db,
              q
                .insert(coPurchases)
                .select(sql`SELECT ${a}, ${b}, 1 WHERE ${guard}`)
                .onConflictDoUpdate({
                  target: [coPurchases.productId, coPurchases.otherId],
                  set: { n: sql`${coPurchases.n} + 1` },
                }),
            ),
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
