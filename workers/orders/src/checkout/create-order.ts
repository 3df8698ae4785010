import { bound, insertWhere, statement } from '@linked-all/db';
import { OrderCreated } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { orderLines, orders, orderTransitions, vendorOrders } from '../db/schema';
import { appliedGuard, guardedOutbox } from '../orders/guarded-outbox';
import type { Destination, PlacedOrder } from './checkout-params';
import type { PriceChange, PricedLine } from './price-cart';
import type { DeliveryPayee, PricedDelivery } from './price-delivery';

export type VendorShare = {
  vendorOrderId: string;
  vendorId: string;
  /** The goods; the shopper pays `subtotal + deliveryFee` for this vendor order. */
  subtotal: number;
  deliveryFee: number;
  deliveryPayee: DeliveryPayee;
  lines: { categoryId: string; amount: number }[];
};

export type CreatedOrder = {
  orderId: string;
  userId: string;
  currency: string;
  /** Goods plus every vendor order's delivery fee: what the shopper pays. */
  total: number;
  paymentMethod: 'wallet' | 'mobile_money' | 'pay_on_delivery';
  vendorOrders: VendorShare[];
  /** Where it goes (`order.confirmed` carries it); absent from orders a saga created before it was kept here. */
  destination?: Destination;
};

/**
 * Fills the order placed by POST /v1/checkout: totals, one vendor order per vendor with its
 * delivery (method, fee, payee, promised window) and a snapshot of every line, in one batch. The
 * order's `subtotal` is the goods, its `total` the goods plus the delivery fees. Idempotent: the order row is priced only while it has no currency,
 * vendor orders are unique per (order, vendor) and lines per (vendor order, SKU), and
 * `order.created` is written only by the call whose pricing landed. Returns what is stored, so a
 * retried step answers the same.
 */
export async function createOrder(
  db: D1Database,
  input: {
    orderId: string;
    currency: string;
    lines: PricedLine[];
    priceChanges: PriceChange[];
    delivery: Extract<PricedDelivery, { ok: true }>;
    /** What the order row already says, when the saga knows it (saves reading it). */
    placed?: PlacedOrder;
  },
  now = Date.now(),
): Promise<CreatedOrder> {
  const byVendor = new Map<string, PricedLine[]>();
  for (const line of input.lines) byVendor.set(line.vendorId, [...(byVendor.get(line.vendorId) ?? []), line]);
  const deliveryOf = new Map(input.delivery.vendors.map((d) => [d.vendorId, d]));
  const subtotal = input.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const total = subtotal + input.delivery.vendors.reduce((sum, d) => sum + d.fee, 0);
  const transitionId = newId('otr', now);
  const guard = appliedGuard('orders', input.orderId, transitionId);

  const statements: D1PreparedStatement[] = [
    statement(
      db,
      orm(db)
        .update(orders)
        .set({
          currency: input.currency,
          subtotal,
          total,
          priceChanges: JSON.stringify(input.priceChanges),
          lastTransitionId: transitionId,
          updatedAt: now,
        })
        .where(and(eq(orders.id, input.orderId), isNull(orders.currency), eq(orders.status, 'pending'))),
    ),
  ];
  // The ids only land if this call's pricing does (same guard), so the event below can name them.
  const shares = [...byVendor].map(([vendorId, lines]) => {
    const delivery = deliveryOf.get(vendorId);
    if (!delivery) throw new Error(`logistics priced no delivery for vendor ${vendorId}`);
    return {
      vendorOrderId: newId('vor', now),
      vendorId,
      lines,
      subtotal: lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
      delivery,
    };
  });
  let position = 0;
  for (const { vendorOrderId, vendorId, lines, subtotal, delivery } of shares) {
    statements.push(
      statement(
        db,
        insertWhere(
          db,
          vendorOrders,
          {
            id: vendorOrderId,
            orderId: input.orderId,
            vendorId,
            vendorName: lines[0].vendorName,
            status: 'pending',
            currency: input.currency,
            subtotal,
            deliveryMethod: input.delivery.method,
            deliveryFee: delivery.fee,
            deliveryPayee: delivery.payee,
            deliveryEarliest: delivery.window.earliest,
            deliveryLatest: delivery.window.latest,
            createdAt: now,
            updatedAt: now,
          },
          bound(guard),
        ).onConflictDoNothing({ target: [vendorOrders.orderId, vendorOrders.vendorId] }),
      ),
    );
    for (const l of lines) {
      statements.push(
        statement(
          db,
          orm(db)
            .insert(orderLines)
            .select(
              orm(db)
                .select({
                  vendorOrderId: vendorOrders.id,
                  orderId: vendorOrders.orderId,
                  skuId: sql`${l.skuId}`.as('sku_id'),
                  productId: sql`${l.productId}`.as('product_id'),
                  title: sql`${l.title}`.as('title'),
                  options: sql`${JSON.stringify(l.options)}`.as('options'),
                  image: sql`${l.image}`.as('image'),
                  categoryId: sql`${l.categoryId}`.as('category_id'),
                  unitPrice: sql`${l.unitPrice}`.as('unit_price'),
                  currency: sql`${l.currency}`.as('currency'),
                  quantity: sql`${l.quantity}`.as('quantity'),
                  position: sql`${position++}`.as('position'),
                })
                .from(vendorOrders)
                .where(and(eq(vendorOrders.orderId, input.orderId), eq(vendorOrders.vendorId, vendorId))),
            )
            .onConflictDoNothing({ target: [orderLines.vendorOrderId, orderLines.skuId] }),
        ),
      );
    }
  }
  statements.push(
    statement(
      db,
      insertWhere(
        db,
        orderTransitions,
        {
          id: transitionId,
          orderId: input.orderId,
          vendorOrderId: null,
          fromStatus: 'pending',
          toStatus: 'pending',
          actor: 'checkout',
          reason: 'priced and split by vendor',
          createdAt: now,
        },
        bound(guard),
      ),
    ),
  );
  const placed = input.placed ?? (await readPlaced(db, input.orderId));
  const { userId, paymentMethod, destination } = placed;
  statements.push(
    guardedOutbox(
      db,
      OrderCreated,
      {
        orderId: input.orderId,
        userId,
        amount: total,
        currency: input.currency,
        paymentMethod,
        vendorOrders: shares.map((v) => ({ vendorOrderId: v.vendorOrderId, vendorId: v.vendorId, subtotal: v.subtotal })),
      },
      guard,
      now,
    ),
  );
  const [priced] = await db.batch(statements);
  // A retry (or a concurrent duplicate) finds the order priced already: answer what is stored.
  if (priced.meta.changes !== 1) return loadCreatedOrder(db, input.orderId);
  // This call's batch landed whole, so what it wrote is what is stored: no read back.
  return {
    orderId: input.orderId,
    userId,
    currency: input.currency,
    total,
    paymentMethod,
    // In loadCreatedOrder's order (by vendor order id), so a retry answers the same.
    vendorOrders: shares
      .map((v) => ({
        vendorOrderId: v.vendorOrderId,
        vendorId: v.vendorId,
        subtotal: v.subtotal,
        deliveryFee: v.delivery.fee,
        deliveryPayee: v.delivery.payee,
        lines: v.lines.map((l) => ({ categoryId: l.categoryId, amount: l.unitPrice * l.quantity })),
      }))
      .sort((a, b) => (a.vendorOrderId < b.vendorOrderId ? -1 : a.vendorOrderId > b.vendorOrderId ? 1 : 0)),
    destination,
  };
}

/** The facts of an order fixed when it was placed. */
async function readPlaced(db: D1Database, orderId: string): Promise<PlacedOrder> {
  const row = await orm(db)
    .select({
      userId: orders.userId,
      paymentMethod: orders.paymentMethod,
      shippingAddressId: orders.shippingAddressId,
      pickupStationId: orders.pickupStationId,
    })
    .from(orders)
    .where(eq(orders.id, orderId))
    .get();
  if (!row) throw new Error(`order ${orderId} was never placed`);
  const { userId, paymentMethod, shippingAddressId, pickupStationId } = row;
  return { userId, paymentMethod, destination: { shippingAddressId, pickupStationId } };
}

/** The priced order with each vendor's share, as the payments service wants it. */
export async function loadCreatedOrder(db: D1Database, orderId: string): Promise<CreatedOrder> {
  const [rows, lines] = await orm(db).batch([
    orm(db)
      .select({
        userId: orders.userId,
        currency: orders.currency,
        total: orders.total,
        paymentMethod: orders.paymentMethod,
        shippingAddressId: orders.shippingAddressId,
        pickupStationId: orders.pickupStationId,
        vendorOrderId: vendorOrders.id,
        vendorId: vendorOrders.vendorId,
        subtotal: vendorOrders.subtotal,
        deliveryFee: vendorOrders.deliveryFee,
        deliveryPayee: vendorOrders.deliveryPayee,
      })
      .from(orders)
      .innerJoin(vendorOrders, eq(vendorOrders.orderId, orders.id))
      .where(eq(orders.id, orderId))
      .orderBy(vendorOrders.id),
    orm(db)
      .select({
        vendorOrderId: orderLines.vendorOrderId,
        categoryId: orderLines.categoryId,
        amount: sql<number>`${orderLines.unitPrice} * ${orderLines.quantity}`,
      })
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId))
      .orderBy(orderLines.position),
  ]);
  const [first] = rows;
  if (!first) throw new Error(`order ${orderId} has no vendor orders`);
  if (first.currency === null) throw new Error(`order ${orderId} has vendor orders but no price`);
  return {
    orderId,
    userId: first.userId,
    currency: first.currency,
    total: first.total,
    paymentMethod: first.paymentMethod,
    vendorOrders: rows.map((r) => ({
      vendorOrderId: r.vendorOrderId,
      vendorId: r.vendorId,
      subtotal: r.subtotal,
      deliveryFee: r.deliveryFee,
      deliveryPayee: r.deliveryPayee,
      lines: lines
        .filter((l) => l.vendorOrderId === r.vendorOrderId)
        .map((l) => ({ categoryId: l.categoryId, amount: l.amount })),
    })),
    destination: { shippingAddressId: first.shippingAddressId, pickupStationId: first.pickupStationId },
  };
}
