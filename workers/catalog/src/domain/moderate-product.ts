import { bumpVersions } from '@linked-all/cache';
import { existsGuard, statement } from '@linked-all/db';
import { auditStatement, outboxStatement, ProductUpdated } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { and, desc, eq, exists, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ModeratedProduct, ProductQueueQuery } from '../../contract';
import { orm } from '../db/orm';
import { productModeration as m, products as p, vendors as v } from '../db/schema';

type Moderator = { db: D1Database; cache: KVNamespace; adminId: string; now: number; traceparent?: string };

// New: live listings nobody has looked at; edited: changed since the version last looked at.
const QUEUES = {
  new: () => and(isNull(m.productId), eq(p.status, 'active')),
  edited: () => and(lt(m.reviewedVersion, p.version), isNull(m.hiddenReason), eq(p.status, 'active')),
  hidden: () => and(isNotNull(m.hiddenReason), eq(p.status, 'archived')),
} as const;

/** The moderation queue, most recently changed first. */
export async function productQueue(db: D1Database, query: z.infer<typeof ProductQueueQuery>) {
  const results = await orm(db)
    .select({
      id: p.id,
      title: p.title,
      vendorId: p.vendorId,
      vendorName: v.name,
      status: p.status,
      version: p.version,
      hiddenReason: m.hiddenReason,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })
    .from(p)
    .innerJoin(v, eq(v.id, p.vendorId))
    .leftJoin(m, eq(m.productId, p.id))
    .where(QUEUES[query.queue]())
    .orderBy(desc(p.updatedAt), desc(p.id))
    .limit(query.limit);
  return {
    items: results.map(
      (r): ModeratedProduct => ({
        ...r,
        createdAt: new Date(r.createdAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
      }),
    ),
  };
}

async function productOf(db: D1Database, id: string) {
  const [product] = await orm(db)
    .select({ vendorId: p.vendorId, status: p.status, version: p.version, hiddenReason: m.hiddenReason })
    .from(p)
    .leftJoin(m, eq(m.productId, p.id))
    .where(eq(p.id, id));
  if (!product) throw new AppError('not_found', `There is no product ${id}`);
  return product;
}

/**
 * Hides a product: archived, its hide kept with the reason, the event and the audit row, all in
 * one batch and only if this call's change landed. The cached product and listings are
 * invalidated before answering (the versions the cache keys carry), so the product is gone from
 * search and listings at once, not when the event is consumed.
 */
export async function hideProduct(mod: Moderator, productId: string, reason: string) {
  const product = await productOf(mod.db, productId);
  if (product.hiddenReason !== null) throw new AppError('conflict', 'This product is already hidden');
  const db = orm(mod.db);
  const landedRow = db
    .select({ one: sql`1` })
    .from(p)
    .where(and(eq(p.id, productId), eq(p.status, 'archived'), eq(p.updatedAt, mod.now), eq(p.version, product.version + 1)));
  const landed = existsGuard(landedRow);
  const [changed] = await mod.db.batch([
    statement(
      mod.db,
      db
        .update(p)
        .set({ status: 'archived', version: sql`${p.version} + 1`, updatedAt: mod.now })
        .where(and(eq(p.id, productId), eq(p.version, product.version))),
    ),
    // One statement: the hide is kept only if this call's update landed.
    statement(
      mod.db,
      db
        .insert(m)
        .select(
          sql`SELECT ${productId}, ${product.version + 1}, ${reason}, ${mod.adminId}, ${mod.now} WHERE ${exists(landedRow)}`,
        )
        .onConflictDoUpdate({
          target: m.productId,
          set: {
            reviewedVersion: sql`excluded.reviewed_version`,
            hiddenReason: sql`excluded.hidden_reason`,
            hiddenBy: sql`excluded.hidden_by`,
            updatedAt: sql`excluded.updated_at`,
          },
        }),
    ),
    outboxStatement(
      mod.db,
      ProductUpdated,
      { productId, vendorId: product.vendorId, status: 'archived', fields: ['status'] },
      { now: mod.now, traceparent: mod.traceparent, when: landed },
    ),
    auditStatement(
      mod.db,
      { actor: mod.adminId, action: 'product.hide', target: productId, reason },
      { now: mod.now, when: landed },
    ),
  ]);
  if (changed.meta.changes === 0) throw new AppError('conflict', 'The product changed meanwhile; reload and try again');
  await bumpVersions(mod.cache, [productId], `hide:${productId}:${mod.now}`);
}

/** The operator looked at this version and keeps it: it leaves the queue until it is edited again. */
export async function passProduct(mod: Moderator, productId: string) {
  const product = await productOf(mod.db, productId);
  await mod.db.batch([
    statement(
      mod.db,
      orm(mod.db)
        .insert(m)
        .values({ productId, reviewedVersion: product.version, updatedAt: mod.now })
        .onConflictDoUpdate({
          target: m.productId,
          set: { reviewedVersion: sql`excluded.reviewed_version`, updatedAt: sql`excluded.updated_at` },
        }),
    ),
    auditStatement(
      mod.db,
      { actor: mod.adminId, action: 'product.pass', target: productId, detail: { version: product.version } },
      { now: mod.now },
    ),
  ]);
}
