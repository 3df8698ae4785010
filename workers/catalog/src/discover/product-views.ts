import { statement } from '@linked-all/db';
import { log } from '@linked-all/http';
import { and, count, eq, exists, lt, ne, sql } from 'drizzle-orm';
import { ProductViewInput } from '../../contract';
import { orm } from '../db/orm';
import { coViews, productViews as pv } from '../db/schema';
import type { Db } from '../db/session';
import { pairedStrip } from '../domain/product-summary';

// A session of more products says little more about each pair, and its pairs grow as n².
const MAX_PRODUCTS_PER_SESSION = 20;
// Sessions are day-bucketed by the gateway; two days of rows is all a pair count ever needs.
const KEEP_VIEWS_MS = 2 * 86_400_000;

/**
 * Counts a batch of product views: each (session, product) once, and for a first view, one co-view
 * with every product that session viewed before, both ways. A view's row carries this run's id,
 * and its pairs are counted only if the row is this run's: a redelivered message (its row already
 * there, from an earlier run) adds nothing. One batch per queue batch: all of it or none of it.
 */
export async function countProductViews(db: D1Database, bodies: unknown[], now = Date.now()): Promise<number> {
  const views = bodies.flatMap((body) => {
    const parsed = ProductViewInput.safeParse(body);
    if (!parsed.success) log('warn', 'dropped a malformed product view', { issues: parsed.error.issues.length });
    return parsed.success ? [parsed.data] : [];
  });
  if (!views.length) return 0;
  // A reload in the same batch would find its row carrying this run's id and count its pairs twice.
  const seen = new Set<string>();
  const unique = views.filter((v) => !seen.has(`${v.session}|${v.productId}`) && seen.add(`${v.session}|${v.productId}`));
  const run = crypto.randomUUID();
  const q = orm(db);
  const addOne = { target: [coViews.productId, coViews.otherId], set: { n: sql`${coViews.n} + 1` } };
  const statements = unique.flatMap(({ session, productId }) => {
    const viewedBefore = and(eq(pv.session, session), ne(pv.productId, productId));
    // This run's row: a redelivered view (its row from an earlier run) counts no pair.
    const mine = exists(
      q
        .select({ one: sql`1` })
        .from(pv)
        .where(and(eq(pv.session, session), eq(pv.productId, productId), eq(pv.run, run))),
    );
    const sessionSize = q.select({ n: count() }).from(pv).where(eq(pv.session, session));
    return [
      statement(
        db,
        q
          .insert(pv)
          .select(sql`SELECT ${session}, ${productId}, ${now}, ${run} WHERE (${sessionSize}) < ${MAX_PRODUCTS_PER_SESSION}`)
          .onConflictDoNothing(),
      ),
      statement(
        db,
        q
          .insert(coViews)
          .select(
            q
              .select({ productId: sql<string>`${productId}`.as('product_id'), otherId: pv.productId, n: sql<number>`1`.as('n') })
              .from(pv)
              .where(and(viewedBefore, mine)),
          )
          .onConflictDoUpdate(addOne),
      ),
      statement(
        db,
        q
          .insert(coViews)
          .select(
            q
              .select({ productId: pv.productId, otherId: sql<string>`${productId}`.as('other_id'), n: sql<number>`1`.as('n') })
              .from(pv)
              .where(and(viewedBefore, mine)),
          )
          .onConflictDoUpdate(addOne),
      ),
    ];
  });
  await db.batch(statements);
  return views.length;
}

/** Forgets views older than any session the gateway still sends (the pair counts stay). */
export function forgetOldViews(db: D1Database, now = Date.now()) {
  return orm(db)
    .delete(pv)
    .where(lt(pv.viewedAt, now - KEEP_VIEWS_MS))
    .run();
}

/** "Viewed also viewed" for a product page: most co-viewed first, same country, in stock first. */
export function alsoViewedQuery(db: Db, productId: string) {
  return pairedStrip(db, coViews, productId);
}
