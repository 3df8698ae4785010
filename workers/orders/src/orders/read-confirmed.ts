import { z } from 'zod';
import type { ConfirmedCursor, ConfirmedOrders } from '../../contract';

// A confirmation is read only once it is this old: a transition written a moment earlier by a
// slower request (ids and clocks of different isolates) cannot land behind a cursor that moved on.
const SETTLE_MS = 30_000;
const ProductIds = z.array(z.string());

type Row = { id: string; order_id: string; created_at: number; product_ids: string };

/**
 * Orders confirmed after `after`, oldest first, from the append-only transitions log (an order
 * confirmed late, after a slow mobile-money payment, is read when its confirmation happens).
 */
export async function readConfirmedOrders(
  db: D1Database,
  after: ConfirmedCursor | null,
  limit: number,
  now = Date.now(),
): Promise<ConfirmedOrders> {
  const { results } = await db
    .prepare(
      `SELECT t.id, t.order_id, t.created_at,
              (SELECT json_group_array(DISTINCT l.product_id) FROM order_lines l WHERE l.order_id = t.order_id) AS product_ids
         FROM order_transitions t
        WHERE t.vendor_order_id IS NULL AND t.to_status = 'confirmed' AND t.created_at < ?
          AND (? IS NULL OR t.created_at > ? OR (t.created_at = ? AND t.id > ?))
        ORDER BY t.created_at, t.id LIMIT ?`,
    )
    .bind(now - SETTLE_MS, after?.k ?? null, after?.k ?? 0, after?.k ?? 0, after?.id ?? '', limit)
    .all<Row>();
  const last = results.at(-1);
  return {
    items: results.map((r) => ({ orderId: r.order_id, productIds: ProductIds.parse(JSON.parse(r.product_ids)) })),
    next: last ? { k: last.created_at, id: last.id } : after,
  };
}
