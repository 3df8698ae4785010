import { OrderCreated } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { appliedGuard, guardedOutbox } from '../orders/guarded-outbox';
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
    db
      .prepare(
        `UPDATE orders SET currency = ?, subtotal = ?, total = ?, price_changes = ?, last_transition_id = ?, updated_at = ?
         WHERE id = ? AND currency IS NULL AND status = 'pending'`,
      )
      .bind(input.currency, subtotal, total, JSON.stringify(input.priceChanges), transitionId, now, input.orderId),
  ];
  // The ids only land if this call's pricing does (same guard), so the event below can name them.
  const vendorOrders = [...byVendor].map(([vendorId, lines]) => {
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
  for (const { vendorOrderId, vendorId, lines, subtotal, delivery } of vendorOrders) {
    statements.push(
      db
        .prepare(
          `INSERT INTO vendor_orders (id, order_id, vendor_id, vendor_name, status, currency, subtotal, delivery_method, delivery_fee,
                                     delivery_payee, delivery_earliest, delivery_latest, created_at, updated_at)
           SELECT ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}
           ON CONFLICT (order_id, vendor_id) DO NOTHING`,
        )
        .bind(
          vendorOrderId,
          input.orderId,
          vendorId,
          lines[0].vendorName,
          input.currency,
          subtotal,
          input.delivery.method,
          delivery.fee,
          delivery.payee,
          delivery.window.earliest,
          delivery.window.latest,
          now,
          now,
          ...guard.args,
        ),
    );
    for (const l of lines) {
      statements.push(
        db
          .prepare(
            `INSERT INTO order_lines (vendor_order_id, order_id, sku_id, product_id, title, options, image, category_id,
                                      unit_price, currency, quantity, position)
             SELECT id, order_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM vendor_orders WHERE order_id = ? AND vendor_id = ?
             ON CONFLICT (vendor_order_id, sku_id) DO NOTHING`,
          )
          .bind(
            l.skuId,
            l.productId,
            l.title,
            JSON.stringify(l.options),
            l.image,
            l.categoryId,
            l.unitPrice,
            l.currency,
            l.quantity,
            position++,
            input.orderId,
            vendorId,
          ),
      );
    }
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO order_transitions (id, order_id, vendor_order_id, from_status, to_status, actor, reason, created_at)
         SELECT ?, ?, NULL, 'pending', 'pending', 'checkout', 'priced and split by vendor', ? WHERE ${guard.sql}`,
      )
      .bind(transitionId, input.orderId, now, ...guard.args),
  );
  const placed = await db
    .prepare('SELECT user_id AS userId, payment_method AS paymentMethod FROM orders WHERE id = ?')
    .bind(input.orderId)
    .first<{ userId: string; paymentMethod: CreatedOrder['paymentMethod'] }>();
  if (!placed) throw new Error(`order ${input.orderId} was never placed`);
  const { userId, paymentMethod } = placed;
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
        vendorOrders: vendorOrders.map((v) => ({ vendorOrderId: v.vendorOrderId, vendorId: v.vendorId, subtotal: v.subtotal })),
      },
      guard,
      now,
    ),
  );
  await db.batch(statements);
  return loadCreatedOrder(db, input.orderId);
}

/** The priced order with each vendor's share, as the payments service wants it. */
export async function loadCreatedOrder(db: D1Database, orderId: string): Promise<CreatedOrder> {
  const [orderRows, lineRows] = await db.batch([
    db
      .prepare(
        `SELECT o.user_id AS userId, o.currency, o.total, o.payment_method AS paymentMethod,
                v.id AS vendorOrderId, v.vendor_id AS vendorId, v.subtotal, v.delivery_fee AS deliveryFee,
                v.delivery_payee AS deliveryPayee
           FROM orders o JOIN vendor_orders v ON v.order_id = o.id WHERE o.id = ? ORDER BY v.id`,
      )
      .bind(orderId),
    db
      .prepare(
        'SELECT vendor_order_id AS vendorOrderId, category_id AS categoryId, unit_price * quantity AS amount FROM order_lines WHERE order_id = ? ORDER BY position',
      )
      .bind(orderId),
  ]);
  const rows = orderRows.results as {
    userId: string;
    currency: string;
    total: number;
    paymentMethod: CreatedOrder['paymentMethod'];
    vendorOrderId: string;
    vendorId: string;
    subtotal: number;
    deliveryFee: number;
    deliveryPayee: DeliveryPayee;
  }[];
  const lines = lineRows.results as { vendorOrderId: string; categoryId: string; amount: number }[];
  if (rows.length === 0) throw new Error(`order ${orderId} has no vendor orders`);
  return {
    orderId,
    userId: rows[0].userId,
    currency: rows[0].currency,
    total: rows[0].total,
    paymentMethod: rows[0].paymentMethod,
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
  };
}
