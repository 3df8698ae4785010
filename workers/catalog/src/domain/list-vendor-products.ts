import { keyset } from '@linked-all/http';
import type { z } from 'zod';
import type { VendorProductList, VendorProductListQuery } from '../../contract';
import type { Db } from '../db/session';
import { iso, priceView } from './views';

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
  query: z.output<typeof VendorProductListQuery>,
): Promise<VendorProductList> {
  const where = ['vendor_id = ?'];
  const params: unknown[] = [vendorId];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.q) {
    // A shop has hundreds of products, not millions: a scan of its own rows is fine. Each word
    // must appear; LIKE's wildcards in the input are matched literally.
    for (const word of query.q.split(/\s+/).slice(0, 5)) {
      where.push("title LIKE ? ESCAPE '\\'");
      params.push(`%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
  }
  const after = keyset.after(query.cursor, 'updated_at');
  if (after) {
    where.push(after.sql);
    params.push(...after.args);
  }
  const { results } = await db
    .prepare(
      `SELECT id, title, status, currency, min_price, in_stock, version, updated_at FROM products
       WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id DESC LIMIT ?`,
    )
    .bind(...params, query.limit + 1)
    .all<Row>();
  const { page, nextCursor } = keyset.page(results, query.limit, (r) => ({ k: r.updated_at, id: r.id }));
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      price: priceView(r.min_price, r.currency),
      inStock: r.in_stock === 1,
      version: r.version,
      updatedAt: iso(r.updated_at),
    })),
    nextCursor,
  };
}
