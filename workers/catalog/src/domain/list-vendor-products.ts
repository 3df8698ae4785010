import { decodeCursor, encodeCursor } from '@linked-all/http';
import { z } from 'zod';
import type { Db } from '../db/session';
import { iso, priceView } from './views';

const Cursor = z.object({ k: z.number(), id: z.string() });

type Row = {
  id: string;
  title: string;
  status: 'draft' | 'active' | 'archived';
  currency: string;
  min_price: number;
  in_stock: number;
  version: number;
  updated_at: number;
};

/** A vendor's own products in every status, newest change first (the vendor PWA's list). */
export async function listVendorProducts(
  db: Db,
  vendorId: string,
  query: { status?: 'draft' | 'active' | 'archived'; limit: number; cursor?: string },
) {
  const where = ['vendor_id = ?'];
  const params: unknown[] = [vendorId];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor, Cursor);
    where.push('(updated_at < ? OR (updated_at = ? AND id < ?))');
    params.push(c.k, c.k, c.id);
  }
  const { results } = await db
    .prepare(
      `SELECT id, title, status, currency, min_price, in_stock, version, updated_at FROM products
       WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id DESC LIMIT ?`,
    )
    .bind(...params, query.limit + 1)
    .all<Row>();
  const items = results.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      price: priceView(r.min_price, r.currency),
      inStock: r.in_stock === 1,
      version: r.version,
      updatedAt: iso(r.updated_at),
    })),
    nextCursor: results.length > query.limit && last ? encodeCursor({ k: last.updated_at, id: last.id }) : null,
  };
}
