import { bound, inJson, qualified } from '@linked-all/db';
import { AppError, keyset } from '@linked-all/http';
import { and, desc, eq, exists, isNotNull, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DeliveryView, OrderStatus, OrderView, VendorOrderStatus } from '../../contract';
import type { PriceChange } from '../checkout/price-cart';
import { orm } from '../db/orm';
import { orderLines, orders, vendorOrders } from '../db/schema';
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

const ORDER_COLUMNS = {
  id: orders.id,
  user_id: orders.userId,
  status: orders.status,
  currency: orders.currency,
  total: orders.total,
  payment_method: orders.paymentMethod,
  payment_provider: orders.paymentProvider,
  payment_status: orders.paymentStatus,
  payment_id: orders.paymentId,
  shipping_address_id: orders.shippingAddressId,
  pickup_station_id: orders.pickupStationId,
  cancel_reason: orders.cancelReason,
  cancel_skus: orders.cancelSkus,
  price_changes: orders.priceChanges,
  created_at: orders.createdAt,
  updated_at: orders.updatedAt,
};

const VENDOR_ORDER_ROW = {
  id: vendorOrders.id,
  order_id: vendorOrders.orderId,
  vendor_id: vendorOrders.vendorId,
  status: vendorOrders.status,
  currency: vendorOrders.currency,
  subtotal: vendorOrders.subtotal,
  confirmed_at: vendorOrders.confirmedAt,
  updated_at: vendorOrders.updatedAt,
  delivery_method: vendorOrders.deliveryMethod,
  delivery_fee: vendorOrders.deliveryFee,
  delivery_earliest: vendorOrders.deliveryEarliest,
  delivery_latest: vendorOrders.deliveryLatest,
};

/** The order's column beside each vendor order (correlated, so WHERE stays unambiguous). */
const ofOrder = <T>(column: SQLiteColumn) =>
  sql<T>`(SELECT ${column} FROM ${orders} WHERE ${qualified(orders.id)} = ${qualified(vendorOrders.orderId)})`;

// The order's delivery and payment, beside each vendor order.
const VENDOR_ORDER_COLUMNS = {
  ...VENDOR_ORDER_ROW,
  shipping_address_id: ofOrder<string | null>(orders.shippingAddressId),
  pickup_station_id: ofOrder<string | null>(orders.pickupStationId),
  payment_method: ofOrder<string>(orders.paymentMethod),
};

const LINE_COLUMNS = {
  vendor_order_id: orderLines.vendorOrderId,
  sku_id: orderLines.skuId,
  product_id: orderLines.productId,
  title: orderLines.title,
  options: orderLines.options,
  image: orderLines.image,
  unit_price: orderLines.unitPrice,
  currency: orderLines.currency,
  quantity: orderLines.quantity,
};

/** One order with its vendor orders and lines, if it belongs to `userId`: another shopper's order does not exist for them. */
export async function getOwnOrder(db: D1Database, orderId: string, userId: string): Promise<OrderView> {
  const [found, vendorOrderRows, lines] = await orm(db).batch([
    orm(db)
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.userId, userId))),
    orm(db)
      .select({ ...VENDOR_ORDER_ROW, vendor_name: vendorOrders.vendorName })
      .from(vendorOrders)
      .innerJoin(orders, eq(orders.id, vendorOrders.orderId))
      .where(and(eq(vendorOrders.orderId, orderId), eq(orders.userId, userId)))
      .orderBy(vendorOrders.createdAt, vendorOrders.id),
    orm(db)
      .select(LINE_COLUMNS)
      .from(orderLines)
      .where(
        and(
          eq(orderLines.orderId, orderId),
          exists(
            orm(db)
              .select({ one: sql`1` })
              .from(orders)
              .where(and(eq(orders.id, orderId), eq(orders.userId, userId))),
          ),
        ),
      )
      .orderBy(orderLines.position),
  ]);
  const order = found[0];
  if (!order) throw new AppError('not_found', `You have no order ${orderId}`);
  return orderView(order, vendorOrderRows, lines);
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
  const after = keyset.after(query.cursor, '"orders"."created_at"', '"orders"."id"');
  const results = await orm(db)
    .select({
      id: orders.id,
      status: orders.status,
      currency: orders.currency,
      total: orders.total,
      payment_id: orders.paymentId,
      payment_method: orders.paymentMethod,
      payment_provider: orders.paymentProvider,
      payment_status: orders.paymentStatus,
      created_at: orders.createdAt,
      updated_at: orders.updatedAt,
      items: sql<number>`(SELECT coalesce(sum(${orderLines.quantity}), 0) FROM ${orderLines} WHERE ${qualified(orderLines.orderId)} = ${qualified(orders.id)})`,
    })
    .from(orders)
    .where(and(eq(orders.userId, userId), after ? bound(after) : undefined))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keyset.page(results, query.limit, (o) => ({ k: o.created_at, id: o.id }));
  const lines = await orm(db)
    .select({ order_id: orderLines.orderId, title: orderLines.title, image: orderLines.image })
    .from(orderLines)
    .where(
      inJson(
        orderLines.orderId,
        page.map((o) => o.id),
      ),
    )
    .orderBy(orderLines.orderId, orderLines.position);
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
  const after = keyset.after(query.cursor, '"vendor_orders"."confirmed_at"', '"vendor_orders"."id"');
  const results = await orm(db)
    .select(VENDOR_ORDER_COLUMNS)
    .from(vendorOrders)
    .where(
      and(
        eq(vendorOrders.vendorId, vendorId),
        isNotNull(vendorOrders.confirmedAt),
        query.status ? eq(vendorOrders.status, query.status) : undefined,
        after ? bound(after) : undefined,
      ),
    )
    .orderBy(desc(vendorOrders.confirmedAt), desc(vendorOrders.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keyset.page(results, query.limit, (v) => ({ k: v.confirmed_at, id: v.id }));
  const lines = page.length
    ? await orm(db)
        .select(LINE_COLUMNS)
        .from(orderLines)
        .where(
          inJson(
            orderLines.vendorOrderId,
            page.map((v) => v.id),
          ),
        )
        .orderBy(orderLines.position)
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
  const [vos, lines] = await orm(db).batch([
    orm(db)
      .select(VENDOR_ORDER_COLUMNS)
      .from(vendorOrders)
      .where(and(eq(vendorOrders.id, vendorOrderId), eq(vendorOrders.vendorId, vendorId), isNotNull(vendorOrders.confirmedAt))),
    orm(db).select(LINE_COLUMNS).from(orderLines).where(eq(orderLines.vendorOrderId, vendorOrderId)).orderBy(orderLines.position),
  ]);
  const v = vos[0];
  if (!v) throw new AppError('not_found', `You have no order ${vendorOrderId}`);
  return vendorOrderView(v, lines);
}
