import { AppError, keyset } from '@linked-all/http';
import type { DeliveryView, OrderStatus, OrderView, VendorOrderStatus } from '../../contract';
import type { PriceChange } from '../checkout/price-cart';
import { iso, type LineRow, lineView, money } from './views';

type OrderRow = {
  id: string;
  user_id: string;
  status: OrderStatus;
  currency: string | null;
  total: number;
  payment_method: string;
  payment_provider: string | null;
  payment_status: string;
  payment_id: string | null;
  shipping_address_id: string | null;
  pickup_station_id: string | null;
  cancel_reason: string | null;
  cancel_skus: string | null;
  price_changes: string;
  created_at: number;
  updated_at: number;
};

type VendorOrderRow = {
  id: string;
  order_id: string;
  vendor_id: string;
  vendor_name?: string | null;
  status: VendorOrderStatus;
  currency: string;
  subtotal: number;
  delivery_method: 'home' | 'station' | null;
  delivery_fee: number;
  delivery_earliest: string | null;
  delivery_latest: string | null;
  confirmed_at: number | null;
  updated_at: number;
};

type VendorShippingRow = {
  shipping_address_id: string | null;
  pickup_station_id: string | null;
  payment_method: string;
};

// The order's delivery and payment, beside each vendor order (correlated, so WHERE stays unambiguous).
const VENDOR_ORDER_COLUMNS = `id, order_id, vendor_id, status, currency, subtotal, confirmed_at, updated_at,
  delivery_method, delivery_fee, delivery_earliest, delivery_latest,
  (SELECT shipping_address_id FROM orders WHERE orders.id = vendor_orders.order_id) AS shipping_address_id,
  (SELECT pickup_station_id FROM orders WHERE orders.id = vendor_orders.order_id) AS pickup_station_id,
  (SELECT payment_method FROM orders WHERE orders.id = vendor_orders.order_id) AS payment_method`;

const LINE_COLUMNS = 'vendor_order_id, sku_id, product_id, title, options, image, unit_price, currency, quantity';

/** One order with its vendor orders and lines, if it belongs to `userId`: another shopper's order does not exist for them. */
export async function getOwnOrder(db: D1Database, orderId: string, userId: string): Promise<OrderView> {
  const [orders, vendorOrders, lines] = await db.batch([
    db.prepare('SELECT * FROM orders WHERE id = ? AND user_id = ?').bind(orderId, userId),
    db
      .prepare(
        `SELECT v.* FROM vendor_orders v JOIN orders o ON o.id = v.order_id
         WHERE v.order_id = ? AND o.user_id = ? ORDER BY v.created_at, v.id`,
      )
      .bind(orderId, userId),
    db
      .prepare(
        `SELECT ${LINE_COLUMNS} FROM order_lines WHERE order_id = ?
         AND EXISTS (SELECT 1 FROM orders WHERE id = ? AND user_id = ?) ORDER BY position`,
      )
      .bind(orderId, orderId, userId),
  ]);
  const order = (orders.results as OrderRow[])[0];
  if (!order) throw new AppError('not_found', `You have no order ${orderId}`);
  return orderView(order, vendorOrders.results as VendorOrderRow[], lines.results as LineRow[]);
}

function orderView(o: OrderRow, vendorOrders: VendorOrderRow[], lines: LineRow[]): OrderView {
  const changes = JSON.parse(o.price_changes) as PriceChange[];
  return {
    id: o.id,
    status: o.status,
    currency: o.currency,
    total: o.currency ? money(o.total, o.currency) : null,
    payment: paymentView(o),
    delivery: { shippingAddressId: o.shipping_address_id, pickupStationId: o.pickup_station_id },
    cancellation: o.cancel_reason
      ? { reason: o.cancel_reason, skuIds: o.cancel_skus ? (JSON.parse(o.cancel_skus) as string[]) : [] }
      : null,
    priceChanges: changes.map((c) => ({
      skuId: c.skuId,
      cartPrice: money(c.cartPrice, c.currency),
      price: money(c.price, c.currency),
    })),
    vendorOrders: vendorOrders.map((v) => ({
      id: v.id,
      vendorId: v.vendor_id,
      vendorName: v.vendor_name ?? null,
      status: v.status,
      subtotal: money(v.subtotal, v.currency),
      delivery: deliveryView(v, o.pickup_station_id),
      lines: lines.filter((l) => l.vendor_order_id === v.id).map(lineView),
      updatedAt: iso(v.updated_at),
    })),
    createdAt: iso(o.created_at),
    updatedAt: iso(o.updated_at),
  };
}

/** A vendor order's delivery; orders from before delivery was priced show their method, no fee and no window. */
function deliveryView(v: VendorOrderRow, pickupStationId: string | null): DeliveryView {
  return {
    method: v.delivery_method ?? (pickupStationId ? 'station' : 'home'),
    fee: v.delivery_fee,
    currency: v.currency,
    window: v.delivery_earliest && v.delivery_latest ? { earliest: v.delivery_earliest, latest: v.delivery_latest } : null,
    pickupStationId,
  };
}

type PaymentColumns = Pick<OrderRow, 'payment_id' | 'payment_method' | 'payment_provider' | 'payment_status'>;

const paymentView = (o: PaymentColumns) => ({
  id: o.payment_id,
  method: o.payment_method,
  provider: o.payment_provider,
  status: o.payment_status,
});

/** Lines named per order in the shopper's list: enough to recognise it on a small screen. */
const ORDER_PREVIEW_LINES = 3;

/** The shopper's orders, newest first, keyset-paginated on (created_at, id). */
export async function listOwnOrders(db: D1Database, userId: string, query: { limit: number; cursor?: string }) {
  const where = ['o.user_id = ?'];
  const params: unknown[] = [userId];
  const after = keyset.after(query.cursor, 'o.created_at', 'o.id');
  if (after) {
    where.push(after.sql);
    params.push(...after.args);
  }
  const { results } = await db
    .prepare(
      `SELECT o.id, o.status, o.currency, o.total, o.payment_id, o.payment_method, o.payment_provider, o.payment_status,
              o.created_at, o.updated_at,
              (SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE order_id = o.id) AS items
         FROM orders o WHERE ${where.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT ?`,
    )
    .bind(...params, query.limit + 1)
    .all<
      Pick<OrderRow, 'id' | 'status' | 'currency' | 'total' | 'created_at' | 'updated_at'> & PaymentColumns & { items: number }
    >();
  const { page, nextCursor } = keyset.page(results, query.limit, (o) => ({ k: o.created_at, id: o.id }));
  const { results: lines } = await db
    .prepare(
      `SELECT order_id, title, image FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?))
       ORDER BY order_id, position`,
    )
    .bind(JSON.stringify(page.map((o) => o.id)))
    .all<{ order_id: string; title: string; image: string | null }>();
  const preview = (orderId: string) =>
    lines
      .filter((l) => l.order_id === orderId)
      .slice(0, ORDER_PREVIEW_LINES)
      .map((l) => ({ title: l.title, image: l.image }));
  return {
    items: page.map((o) => ({
      id: o.id,
      status: o.status,
      total: o.currency ? money(o.total, o.currency) : null,
      payment: paymentView(o),
      items: o.items,
      preview: preview(o.id),
      createdAt: iso(o.created_at),
      updatedAt: iso(o.updated_at),
    })),
    nextCursor,
  };
}

/** The vendor's own confirmed vendor orders, newest first, optionally by status; keyset on (confirmed_at, id). */
export async function listVendorOrders(
  db: D1Database,
  vendorId: string,
  query: { status?: VendorOrderStatus; limit: number; cursor?: string },
) {
  const where = ['vendor_id = ?', 'confirmed_at IS NOT NULL'];
  const params: unknown[] = [vendorId];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  const after = keyset.after(query.cursor, 'confirmed_at');
  if (after) {
    where.push(after.sql);
    params.push(...after.args);
  }
  const { results } = await db
    .prepare(
      `SELECT ${VENDOR_ORDER_COLUMNS} FROM vendor_orders
       WHERE ${where.join(' AND ')} ORDER BY confirmed_at DESC, id DESC LIMIT ?`,
    )
    .bind(...params, query.limit + 1)
    .all<VendorOrderRow & VendorShippingRow>();
  const { page, nextCursor } = keyset.page(results, query.limit, (v) => ({ k: v.confirmed_at, id: v.id }));
  const lines = page.length
    ? (
        await db
          .prepare(
            `SELECT ${LINE_COLUMNS} FROM order_lines WHERE vendor_order_id IN (SELECT value FROM json_each(?)) ORDER BY position`,
          )
          .bind(JSON.stringify(page.map((v) => v.id)))
          .all<LineRow>()
      ).results
    : [];
  return {
    items: page.map((v) => vendorOrderView(v, lines)),
    nextCursor,
  };
}

function vendorOrderView(v: VendorOrderRow & VendorShippingRow, lines: LineRow[]) {
  const cod = v.payment_method === 'pay_on_delivery';
  return {
    id: v.id,
    orderId: v.order_id,
    vendorId: v.vendor_id,
    status: v.status,
    subtotal: money(v.subtotal, v.currency),
    delivery: deliveryView(v, v.pickup_station_id),
    lines: lines.filter((l) => l.vendor_order_id === v.id).map(lineView),
    confirmedAt: v.confirmed_at ? iso(v.confirmed_at) : null,
    updatedAt: iso(v.updated_at),
    shipping: {
      method: v.pickup_station_id ? ('station' as const) : ('home' as const),
      shippingAddressId: v.shipping_address_id,
      pickupStationId: v.pickup_station_id,
      payment: cod ? ('pay_on_delivery' as const) : ('prepaid' as const),
      // The rider collects the goods and the delivery fee.
      collect: money(cod ? v.subtotal + v.delivery_fee : 0, v.currency),
    },
  };
}

/** One confirmed vendor order of `vendorId`: another vendor's is a 404. */
export async function getVendorOrder(db: D1Database, vendorOrderId: string, vendorId: string) {
  const [vos, lines] = await db.batch([
    db
      .prepare(
        `SELECT ${VENDOR_ORDER_COLUMNS} FROM vendor_orders
         WHERE id = ? AND vendor_id = ? AND confirmed_at IS NOT NULL`,
      )
      .bind(vendorOrderId, vendorId),
    db.prepare(`SELECT ${LINE_COLUMNS} FROM order_lines WHERE vendor_order_id = ? ORDER BY position`).bind(vendorOrderId),
  ]);
  const v = (vos.results as (VendorOrderRow & VendorShippingRow)[])[0];
  if (!v) throw new AppError('not_found', `You have no order ${vendorOrderId}`);
  return vendorOrderView(v, lines.results as LineRow[]);
}
