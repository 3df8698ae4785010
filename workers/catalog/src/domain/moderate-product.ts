import { bumpVersions } from '@linked-all/cache';
import { auditStatement, outboxStatement, ProductUpdated } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import type { z } from 'zod';
import type { ModeratedProduct, ProductQueueQuery } from '../../contract';

type Moderator = { db: D1Database; cache: KVNamespace; adminId: string; now: number; traceparent?: string };

type Row = {
  id: string;
  title: string;
  vendor_id: string;
  vendor_name: string;
  status: ModeratedProduct['status'];
  version: number;
  hidden_reason: string | null;
  created_at: number;
  updated_at: number;
};

// New: live listings nobody has looked at; edited: changed since the version last looked at.
const QUEUES = {
  new: 'm.product_id IS NULL AND p.status = ?',
  edited: 'm.reviewed_version < p.version AND m.hidden_reason IS NULL AND p.status = ?',
  hidden: 'm.hidden_reason IS NOT NULL AND p.status = ?',
} as const;

/** The moderation queue, most recently changed first. */
export async function productQueue(db: D1Database, query: z.infer<typeof ProductQueueQuery>) {
  const { results } = await db
    .prepare(
      `SELECT p.id, p.title, p.vendor_id, v.name AS vendor_name, p.status, p.version, m.hidden_reason, p.created_at, p.updated_at
         FROM products p JOIN vendors v ON v.id = p.vendor_id LEFT JOIN product_moderation m ON m.product_id = p.id
        WHERE ${QUEUES[query.queue]} ORDER BY p.updated_at DESC, p.id DESC LIMIT ?`,
    )
    .bind(query.queue === 'hidden' ? 'archived' : 'active', query.limit)
    .all<Row>();
  return {
    items: results.map(
      (r): ModeratedProduct => ({
        id: r.id,
        title: r.title,
        vendorId: r.vendor_id,
        vendorName: r.vendor_name,
        status: r.status,
        version: r.version,
        hiddenReason: r.hidden_reason,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      }),
    ),
  };
}

async function productOf(db: D1Database, id: string) {
  const product = await db
    .prepare(
      `SELECT p.vendor_id, p.status, p.version, m.hidden_reason FROM products p
         LEFT JOIN product_moderation m ON m.product_id = p.id WHERE p.id = ?`,
    )
    .bind(id)
    .first<{ vendor_id: string; status: ModeratedProduct['status']; version: number; hidden_reason: string | null }>();
  if (!product) throw new AppError('not_found', `There is no product ${id}`);
  return product;
}

/**
 * Hides a product: archived, its hide kept with the reason, the event and the audit row, all in
 * one batch and only if this call's change landed. The cached product and listings are
 * invalidated before answering (the versions the cache keys carry), so the product is gone from
 * search and listings at once, not when the event is consumed.
 */
export async function hideProduct(m: Moderator, productId: string, reason: string) {
  const product = await productOf(m.db, productId);
  if (product.hidden_reason !== null) throw new AppError('conflict', 'This product is already hidden');
  const landed = {
    sql: "EXISTS (SELECT 1 FROM products WHERE id = ? AND status = 'archived' AND updated_at = ? AND version = ?)",
    args: [productId, m.now, product.version + 1],
  };
  const [changed] = await m.db.batch([
    m.db
      .prepare("UPDATE products SET status = 'archived', version = version + 1, updated_at = ? WHERE id = ? AND version = ?")
      .bind(m.now, productId, product.version),
    m.db
      .prepare(
        `INSERT INTO product_moderation (product_id, reviewed_version, hidden_reason, hidden_by, updated_at)
         SELECT ?, ?, ?, ?, ? WHERE ${landed.sql}
         ON CONFLICT (product_id) DO UPDATE SET reviewed_version = excluded.reviewed_version,
           hidden_reason = excluded.hidden_reason, hidden_by = excluded.hidden_by, updated_at = excluded.updated_at`,
      )
      .bind(productId, product.version + 1, reason, m.adminId, m.now, ...landed.args),
    outboxStatement(
      m.db,
      ProductUpdated,
      { productId, vendorId: product.vendor_id, status: 'archived', fields: ['status'] },
      { now: m.now, traceparent: m.traceparent, when: landed },
    ),
    auditStatement(m.db, { actor: m.adminId, action: 'product.hide', target: productId, reason }, { now: m.now, when: landed }),
  ]);
  if (changed.meta.changes === 0) throw new AppError('conflict', 'The product changed meanwhile; reload and try again');
  await bumpVersions(m.cache, [productId], `hide:${productId}:${m.now}`);
}

/** The operator looked at this version and keeps it: it leaves the queue until it is edited again. */
export async function passProduct(m: Moderator, productId: string) {
  const product = await productOf(m.db, productId);
  await m.db.batch([
    m.db
      .prepare(
        `INSERT INTO product_moderation (product_id, reviewed_version, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (product_id) DO UPDATE SET reviewed_version = excluded.reviewed_version, updated_at = excluded.updated_at`,
      )
      .bind(productId, product.version, m.now),
    auditStatement(
      m.db,
      { actor: m.adminId, action: 'product.pass', target: productId, detail: { version: product.version } },
      { now: m.now },
    ),
  ]);
}
