import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  fundWallet,
  homeAddressOf,
  inventoryOf,
  LAGOS_HOME_FEE,
  postCheckout,
  SKU,
  seedCatalogOnce,
  settledOrder,
  shopperToken,
  userCartWith,
  walletBalance,
} from './fixtures';

// Checkout prices each vendor order's delivery with logistics' quote() and charges it.

const CASE_PRICE = 450_000;

beforeAll(seedCatalogOnce);

/** Logistics' development-only fault switch (packages/http/src/fault-switch.ts), over its own fetch. */
async function logisticsFault(mode: 'fail' | 'off') {
  const res = await env.LOGISTICS.fetch(
    new Request('https://logistics.internal/_dev/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    }),
  );
  expect(res.status).toBe(200);
}

afterEach(() => logisticsFault('off'));

const paymentsRows = (sql: string, ...args: unknown[]) =>
  env.PAYMENTS_DB.prepare(sql)
    .bind(...args)
    .all<Record<string, unknown>>();

describe('the delivery fee at checkout', () => {
  it('charges the goods plus one fee per vendor order, stores it on the vendor order and books it to logistics revenue', async () => {
    const userId = 'usr_feepayer';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_000_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const res = await postCheckout(token, 'fee-happy-0001', {
      cartId,
      shippingAddressId: homeAddressOf(userId),
      payment: { method: 'wallet' },
    });
    const { orderId } = (await res.json()) as { orderId: string };
    const order = z
      .object({
        status: z.string(),
        total: z.object({ amount: z.number() }),
        vendorOrders: z.array(z.object({ id: z.string(), subtotal: z.object({ amount: z.number() }) })),
      })
      .parse(await settledOrder(token, orderId));
    expect(order.status).toBe('confirmed');
    expect(order.total.amount).toBe(CASE_PRICE + LAGOS_HOME_FEE);
    expect(order.total.amount).toBe(order.vendorOrders[0].subtotal.amount + LAGOS_HOME_FEE);
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_HOME_FEE);

    const vendorOrderId = order.vendorOrders[0].id;
    expect(
      await env.DB.prepare('SELECT delivery_method, delivery_fee, delivery_payee FROM vendor_orders WHERE id = ?')
        .bind(vendorOrderId)
        .first(),
    ).toEqual({ delivery_method: 'home', delivery_fee: LAGOS_HOME_FEE, delivery_payee: 'logistics' });
    const { results: lines } = await paymentsRows(
      `SELECT a.kind, l.amount FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
       WHERE e.external_ref = ? ORDER BY l.line_no`,
      `order:${orderId}`,
    );
    // The seeded catalog's case sits in a category with the '*' rule: 10%, at least NGN 100.
    expect(lines).toEqual([
      { kind: 'shopper_wallet', amount: -(CASE_PRICE + LAGOS_HOME_FEE) },
      { kind: 'vendor_pending', amount: CASE_PRICE - 45_000 },
      { kind: 'platform_commission', amount: 45_000 },
      { kind: 'logistics_revenue', amount: LAGOS_HOME_FEE },
    ]);
    const { results: balance } = await paymentsRows('SELECT currency, sum(amount) AS total FROM journal_lines GROUP BY currency');
    expect(balance.every((c) => c.total === 0)).toBe(true);
  });

  it('cancels cleanly with logistics_unavailable when logistics is down: nothing held, nothing charged', async () => {
    const userId = 'usr_nologistics';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_000_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const before = await inventoryOf(SKU.phoneCase).level();
    await logisticsFault('fail');

    const res = await postCheckout(token, 'fee-outage-0001', {
      cartId,
      shippingAddressId: homeAddressOf(userId),
      payment: { method: 'wallet' },
    });
    expect(res.status).toBe(202);
    const { orderId } = (await res.json()) as { orderId: string };
    const order = await settledOrder(token, orderId, 30_000);
    expect(order).toMatchObject({
      status: 'cancelled',
      total: null,
      cancellation: { reason: 'logistics_unavailable', skuIds: [] },
      vendorOrders: [],
    });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect(await walletBalance(token)).toBe(1_000_000);
    expect((await paymentsRows('SELECT id FROM payments WHERE order_id = ?', orderId)).results).toEqual([]);
  });

  it('cancels with delivery_unavailable when the address is in a country priced in another currency', async () => {
    const userId = 'usr_faraway';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_000_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    await env.IDENTITY_DB.prepare(
      `INSERT INTO addresses (id, user_id, landmark, city, country, created_at) VALUES ('adr_farawaykenya', ?, 'Near the big mall', 'Nairobi', 'KE', 0)`,
    )
      .bind(userId)
      .run();
    const res = await postCheckout(token, 'fee-faraway-0001', {
      cartId,
      shippingAddressId: 'adr_farawaykenya',
      payment: { method: 'wallet' },
    });
    const { orderId } = (await res.json()) as { orderId: string };
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'delivery_unavailable' },
    });
    expect(await walletBalance(token)).toBe(1_000_000);
  });
});
