import { AppError, keyset } from '@linked-all/http';
import {
  RESTOCKED_CONDITIONS,
  type ReturnCondition,
  type ReturnReason,
  type ReturnStatus,
  type ReturnView,
} from '../../contract';
import { iso, money } from '../orders/views';

type Row = {
  id: string;
  order_id: string;
  vendor_order_id: string;
  vendor_id: string;
  status: ReturnStatus;
  reason: ReturnReason;
  note: string;
  photos: string;
  method: 'home' | 'station';
  pickup_station_id: string | null;
  currency: string;
  goods: number;
  refunded_amount: number | null;
  window_ends_at: number;
  refusal_reason: string | null;
  condition: ReturnCondition | null;
  condition_note: string | null;
  created_at: number;
  updated_at: number;
};
type LineRow = { return_id: string; sku_id: string; quantity: number; unit_price: number; title: string | null };

async function views(db: D1Database, rows: Row[]): Promise<ReturnView[]> {
  if (rows.length === 0) return [];
  const { results: lines } = await db
    .prepare(
      `SELECT rl.return_id, rl.sku_id, rl.quantity, rl.unit_price, ol.title FROM return_lines rl
         LEFT JOIN order_lines ol ON ol.vendor_order_id = rl.vendor_order_id AND ol.sku_id = rl.sku_id
        WHERE rl.return_id IN (SELECT value FROM json_each(?)) ORDER BY ol.position`,
    )
    .bind(JSON.stringify(rows.map((r) => r.id)))
    .all<LineRow>();
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    vendorOrderId: r.vendor_order_id,
    vendorId: r.vendor_id,
    status: r.status,
    reason: r.reason,
    note: r.note,
    photos: JSON.parse(r.photos) as string[],
    method: r.method,
    pickupStationId: r.pickup_station_id,
    lines: lines
      .filter((l) => l.return_id === r.id)
      .map((l) => ({
        skuId: l.sku_id,
        title: l.title ?? l.sku_id,
        quantity: l.quantity,
        unitPrice: money(l.unit_price, r.currency),
      })),
    goods: money(r.goods, r.currency),
    refunded: r.refunded_amount === null ? null : money(r.refunded_amount, r.currency),
    windowEndsAt: iso(r.window_ends_at),
    refusalReason: r.refusal_reason,
    condition: r.condition,
    conditionNote: r.condition_note,
    restocked: r.condition === null ? null : RESTOCKED_CONDITIONS.includes(r.condition),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

/** One return, for its shopper, its vendor or an admin (`scope` narrows it; outside it a 404). */
export async function getReturn(db: D1Database, returnId: string, scope: { userId?: string; vendorId?: string } = {}) {
  const row = await db.prepare('SELECT * FROM returns WHERE id = ?').bind(returnId).first<Row & { user_id: string }>();
  if (!row || (scope.userId && row.user_id !== scope.userId) || (scope.vendorId && row.vendor_id !== scope.vendorId)) {
    throw new AppError('not_found', `You have no return ${returnId}`);
  }
  const [view] = await views(db, [row]);
  return view as ReturnView;
}

/** The returns of one of my orders, oldest first (an order has a handful at most). */
export async function listOrderReturns(db: D1Database, orderId: string, userId: string) {
  const order = await db.prepare('SELECT 1 FROM orders WHERE id = ? AND user_id = ?').bind(orderId, userId).first();
  if (!order) throw new AppError('not_found', `You have no order ${orderId}`);
  const { results } = await db
    .prepare('SELECT * FROM returns WHERE order_id = ? AND user_id = ? ORDER BY created_at, id')
    .bind(orderId, userId)
    .all<Row>();
  return { items: await views(db, results), nextCursor: null };
}

/** A vendor's returns (or, without `vendorId`, every return: the admin's list), newest first. */
export async function listReturns(
  db: D1Database,
  query: { vendorId?: string; status?: ReturnStatus; limit: number; cursor?: string },
) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (query.vendorId) {
    where.push('vendor_id = ?');
    args.push(query.vendorId);
  }
  if (query.status) {
    where.push('status = ?');
    args.push(query.status);
  }
  const after = keyset.after(query.cursor, 'created_at');
  if (after) {
    where.push(after.sql);
    args.push(...after.args);
  }
  const { results } = await db
    .prepare(
      `SELECT * FROM returns ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(...args, query.limit + 1)
    .all<Row>();
  const { page, nextCursor } = keyset.page(results, query.limit, (r) => ({ k: r.created_at, id: r.id }));
  return { items: await views(db, page), nextCursor };
}
