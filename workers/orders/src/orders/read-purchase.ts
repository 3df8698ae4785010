import { z } from 'zod';
import type { Purchase } from '../../contract';

const ProductIds = z.array(z.string());

type PurchaseRow = {
  id: string;
  vendor_id: string;
  status: Purchase['status'];
  user_id: string;
  delivered_at: number | null;
  product_ids: string | null;
};

/** A vendor order as a purchase (buyer, products, delivery time), or null when there is none. */
export async function readPurchase(db: D1Database, vendorOrderId: string): Promise<Purchase | null> {
  const row = await db
    .prepare(
      `SELECT vo.id, vo.vendor_id, vo.status, o.user_id,
              (SELECT MIN(t.created_at) FROM order_transitions t
                WHERE t.vendor_order_id = vo.id AND t.to_status = 'delivered') AS delivered_at,
              (SELECT json_group_array(DISTINCT l.product_id) FROM order_lines l
                WHERE l.vendor_order_id = vo.id) AS product_ids
         FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id
        WHERE vo.id = ?`,
    )
    .bind(vendorOrderId)
    .first<PurchaseRow>();
  if (!row) return null;
  return {
    vendorOrderId: row.id,
    buyerId: row.user_id,
    vendorId: row.vendor_id,
    status: row.status,
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at).toISOString(),
    productIds: ProductIds.parse(JSON.parse(row.product_ids ?? '[]')),
  };
}
