import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, VENDOR_ORDER_STATUSES } from '../contract';

// The statuses live twice by necessity — the contract's lists (code, views, page words) and the
// lookup tables the status columns reference — and this is what keeps the two one list.

async function rows(table: 'order_statuses' | 'vendor_order_statuses') {
  const { results } = await env.DB.prepare(`SELECT status FROM ${table} ORDER BY status`).all<{ status: string }>();
  return results.map((r) => r.status);
}

const NEW_ORDER = `INSERT INTO orders (id, user_id, status, payment_method, shipping_address_id, cart_id, idempotency_key,
  request_hash, workflow_instance_id, created_at, updated_at)
  VALUES (?, 'usr_lookup01', ?, 'wallet', 'adr_lookup01', 'crt_lookup01', ?, 'hash', 'wf', 1, 1)`;

describe('order status lookup tables', () => {
  it('hold exactly the statuses of the contract, for orders and for vendor orders', async () => {
    expect(await rows('order_statuses')).toEqual([...ORDER_STATUSES].sort());
    expect(await rows('vendor_order_statuses')).toEqual([...VENDOR_ORDER_STATUSES].sort());
  });

  it('refuses an order or a vendor order whose status is not in its table (D1 enforces the foreign keys)', async () => {
    await expect(env.DB.prepare(NEW_ORDER).bind('ord_lookup0bad', 'teleported', 'key-bad').run()).rejects.toThrow(/FOREIGN KEY/);
    await env.DB.prepare(NEW_ORDER).bind('ord_lookup0ok1', 'pending', 'key-ok').run();
    await expect(
      env.DB.prepare(
        `INSERT INTO vendor_orders (id, order_id, vendor_id, status, currency, subtotal, created_at, updated_at)
         VALUES ('vor_lookup0bad', 'ord_lookup0ok1', 'vnd_lookup01', 'lost', 'KES', 100, 1, 1)`,
      ).run(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(env.DB.prepare(`UPDATE orders SET status = 'teleported' WHERE id = 'ord_lookup0ok1'`).run()).rejects.toThrow(
      /FOREIGN KEY/,
    );
    const kept = await env.DB.prepare(`SELECT status FROM orders WHERE id = 'ord_lookup0ok1'`).first<{ status: string }>();
    expect(kept).toEqual({ status: 'pending' });
  });
});
