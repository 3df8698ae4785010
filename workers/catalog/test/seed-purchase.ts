import { env } from 'cloudflare:test';

let serial = 0;

/**
 * A vendor order in orders' own database, as a real checkout and delivery leave it (order,
 * vendor order, lines, the audit row of each move), for the reviews tests: orders' `purchase`
 * RPC reads it back over the real Service Binding.
 */
export async function seedPurchase(p: { buyerId: string; vendorId: string; productIds: string[]; delivered: boolean }) {
  serial += 1;
  const orderId = `ord_review${serial}x`;
  const vendorOrderId = `vor_review${serial}x`;
  const now = Date.parse('2026-11-20T08:00:00Z') + serial;
  const status = p.delivered ? 'delivered' : 'shipped';
  const db = env.ORDERS_DB;
  await db.batch([
    db
      .prepare(
        `INSERT INTO orders (id, user_id, status, currency, subtotal, total, payment_method, payment_status,
                             shipping_address_id, cart_id, idempotency_key, request_hash, workflow_instance_id, created_at, updated_at)
         VALUES (?, ?, ?, 'NGN', 1000, 1000, 'wallet', 'captured', 'adr_home0001', ?, ?, 'hash', ?, ?, ?)`,
      )
      .bind(orderId, p.buyerId, status, `crt_${serial}x0001`, `key-${serial}`, `wf-${serial}`, now, now),
    db
      .prepare(
        `INSERT INTO vendor_orders (id, order_id, vendor_id, status, currency, subtotal, confirmed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'NGN', 1000, ?, ?, ?)`,
      )
      .bind(vendorOrderId, orderId, p.vendorId, status, now, now, now),
    ...p.productIds.map((productId, i) =>
      db
        .prepare(
          `INSERT INTO order_lines (vendor_order_id, order_id, sku_id, product_id, title, category_id, unit_price, currency, quantity, position)
           VALUES (?, ?, ?, ?, 'Item', 'cat_phones', 1000, 'NGN', 1, ?)`,
        )
        .bind(vendorOrderId, orderId, `sku_review${serial}x${i}`, productId, i),
    ),
    db
      .prepare(
        `INSERT INTO order_transitions (id, order_id, vendor_order_id, from_status, to_status, actor, created_at)
         VALUES (?, ?, ?, 'accepted', 'shipped', 'logistics', ?)`,
      )
      .bind(`otr_${serial}xship`, orderId, vendorOrderId, now),
    ...(p.delivered
      ? [
          db
            .prepare(
              `INSERT INTO order_transitions (id, order_id, vendor_order_id, from_status, to_status, actor, created_at)
               VALUES (?, ?, ?, 'shipped', 'delivered', 'logistics', ?)`,
            )
            .bind(`otr_${serial}xdeliv`, orderId, vendorOrderId, now + 1000),
        ]
      : []),
  ]);
  return vendorOrderId;
}

/** An order confirmed an hour ago with these products (one vendor order), as the checkout leaves it. */
export async function seedConfirmedOrder(buyerId: string, vendorId: string, productIds: string[]) {
  serial += 1;
  const orderId = `ord_confirmed${serial}x`;
  const vendorOrderId = `vor_confirmed${serial}x`;
  const at = Date.now() - 3_600_000 + serial;
  const db = env.ORDERS_DB;
  await db.batch([
    db
      .prepare(
        `INSERT INTO orders (id, user_id, status, currency, subtotal, total, payment_method, payment_status,
                             shipping_address_id, cart_id, idempotency_key, request_hash, workflow_instance_id, created_at, updated_at)
         VALUES (?, ?, 'confirmed', 'NGN', 1000, 1000, 'wallet', 'captured', 'adr_home0001', ?, ?, 'hash', ?, ?, ?)`,
      )
      .bind(orderId, buyerId, `crt_${serial}x0001`, `key-${serial}`, `wf-${serial}`, at, at),
    db
      .prepare(
        `INSERT INTO vendor_orders (id, order_id, vendor_id, status, currency, subtotal, confirmed_at, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', 'NGN', 1000, ?, ?, ?)`,
      )
      .bind(vendorOrderId, orderId, vendorId, at, at, at),
    ...productIds.map((productId, i) =>
      db
        .prepare(
          `INSERT INTO order_lines (vendor_order_id, order_id, sku_id, product_id, title, category_id, unit_price, currency, quantity, position)
           VALUES (?, ?, ?, ?, 'Item', 'cat_phones', 1000, 'NGN', 1, ?)`,
        )
        .bind(vendorOrderId, orderId, `sku_confirmed${serial}x${i}`, productId, i),
    ),
    db
      .prepare(
        `INSERT INTO order_transitions (id, order_id, vendor_order_id, from_status, to_status, actor, created_at)
         VALUES (?, ?, NULL, 'pending', 'confirmed', 'checkout', ?)`,
      )
      .bind(`otr_${serial}xconf`, orderId, at),
  ]);
}
