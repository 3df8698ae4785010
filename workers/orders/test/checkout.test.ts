import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  cartOf,
  fundWallet,
  homeAddressOf,
  inventoryOf,
  LAGOS_HOME_FEE,
  postCheckout,
  problem,
  SKU,
  seedCatalogOnce,
  seedHomeAddress,
  settledOrder,
  shopperToken,
  userCartWith,
  VENDOR_A,
  walletBalance,
} from './fixtures';

const CASE_PRICE = 450_000; // NGN 4 500.00, vendor A, 40 in stock

beforeAll(async () => {
  await seedCatalogOnce();
});

const address = (cartId: string, userId = 'usr_nobody') => ({
  cartId,
  shippingAddressId: homeAddressOf(userId),
  payment: { method: 'wallet' },
});

async function countRows(db: D1Database, sql: string, ...args: unknown[]) {
  return (
    (await db
      .prepare(sql)
      .bind(...args)
      .first<number>('n')) ?? 0
  );
}

describe('POST /v1/checkout with the wallet', () => {
  it('confirms the order end to end: stock committed, wallet debited once, cart emptied, events out', async () => {
    const userId = 'usr_walletbuyer';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_200_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 2 }]);
    const before = await inventoryOf(SKU.phoneCase).level();

    const res = await postCheckout(token, 'checkout-happy-0001', address(cartId, userId));
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { orderId: string; status: string; statusUrl: string };
    expect(accepted).toEqual({
      orderId: expect.stringMatching(/^ord_/),
      status: 'pending',
      statusUrl: `/v1/orders/${accepted.orderId}`,
    });
    expect(res.headers.get('location')).toBe(accepted.statusUrl);

    const order = await settledOrder(token, accepted.orderId);
    expect(order).toMatchObject({
      id: accepted.orderId,
      status: 'confirmed',
      currency: 'NGN',
      // The goods and one delivery fee for the one vendor order.
      total: { amount: 2 * CASE_PRICE + LAGOS_HOME_FEE, currency: 'NGN' },
      payment: { method: 'wallet', status: 'captured' },
      delivery: { shippingAddressId: homeAddressOf(userId), pickupStationId: null },
      cancellation: null,
      priceChanges: [],
      vendorOrders: [
        {
          vendorId: VENDOR_A,
          status: 'pending',
          subtotal: { amount: 2 * CASE_PRICE },
          delivery: {
            method: 'home',
            fee: LAGOS_HOME_FEE,
            currency: 'NGN',
            window: {
              earliest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
              latest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            },
            pickupStationId: null,
          },
          lines: [{ skuId: SKU.phoneCase, title: 'Shockproof case', quantity: 2, unitPrice: { amount: CASE_PRICE } }],
        },
      ],
    });
    expect(await inventoryOf(SKU.phoneCase).level()).toMatchObject({ onHand: before.onHand - 2, held: 0 });
    expect(await walletBalance(token)).toBe(1_200_000 - 2 * CASE_PRICE - LAGOS_HOME_FEE);
    expect((await cartOf(cartId).snapshot()).lines).toEqual([]);
    const events = await env.DB.prepare('SELECT type FROM outbox ORDER BY id').all<{ type: string }>();
    expect(events.results.map((e) => e.type).filter((t) => t === 'order.created' || t === 'order.confirmed')).toEqual([
      'order.created',
      'order.confirmed',
    ]);
  });

  it('makes one order and one payment of ten identical requests sent at once', async () => {
    const userId = 'usr_impatient';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_000_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postCheckout(token, 'checkout-tenx-0001', address(cartId, userId))),
    );
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ orderId: string }>));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    const ids = new Set(bodies.map((b) => b.orderId));
    expect(ids.size).toBe(1);
    const [orderId] = ids;

    expect((await settledOrder(token, orderId)).status).toBe('confirmed');
    expect(await countRows(env.DB, 'SELECT count(*) AS n FROM orders WHERE user_id = ?', userId)).toBe(1);
    expect(await countRows(env.PAYMENTS_DB, 'SELECT count(*) AS n FROM payments WHERE user_id = ?', userId)).toBe(1);
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_HOME_FEE);
    // A late retry of the same request answers the same order, not a new one.
    const again = await postCheckout(token, 'checkout-tenx-0001', address(cartId, userId));
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ orderId, status: 'confirmed', statusUrl: `/v1/orders/${orderId}` });
  });

  it('answers 409 idempotency_conflict when a used key comes with another body', async () => {
    const userId = 'usr_keyreuser';
    const token = await shopperToken(userId);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const first = await postCheckout(token, 'checkout-reuse-001', {
      cartId,
      pickupStationId: 'pks_ng001lagos',
      payment: { method: 'pay_on_delivery', country: 'NG' },
    });
    expect(first.status).toBe(202);
    const reused = await postCheckout(token, 'checkout-reuse-001', address(cartId, userId));
    const body = await problem(reused, 409, 'idempotency_conflict');
    expect(body.detail).toBe('This Idempotency-Key was already used for another checkout; use a new key');
    expect(await countRows(env.DB, 'SELECT count(*) AS n FROM orders WHERE user_id = ?', userId)).toBe(1);
  });
});

describe('POST /v1/checkout refuses bad requests before anything starts', () => {
  it('answers 400 without an Idempotency-Key', async () => {
    const token = await shopperToken('usr_nokey');
    const res = await call('/v1/checkout', { method: 'POST', token, json: address('crt_aaaaaaaaaaaaaaaa') });
    const body = await problem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'idempotency-key', message: 'The Idempotency-Key header is required' }]);
  });

  it('answers 400 naming the field for both an address and a pickup station, unknown fields and a bad payment', async () => {
    const token = await shopperToken('usr_badbody');
    const both = await postCheckout(token, 'checkout-bad-0001', {
      cartId: 'crt_aaaaaaaaaaaaaaaa',
      shippingAddressId: 'adr_home0001',
      pickupStationId: 'pks_ng001lagos',
      payment: { method: 'wallet' },
    });
    expect((await problem(both, 400, 'validation_failed')).errors).toEqual([
      { path: 'shippingAddressId', message: 'Send exactly one of shippingAddressId and pickupStationId' },
    ]);
    const unknown = await postCheckout(token, 'checkout-bad-0002', { ...address('crt_aaaaaaaaaaaaaaaa'), coupon: 'FREE' });
    expect((await problem(unknown, 400, 'validation_failed')).errors).toEqual([
      { path: '(root)', message: expect.stringContaining('coupon') },
    ]);
    const momo = await postCheckout(token, 'checkout-bad-0003', {
      cartId: 'crt_aaaaaaaaaaaaaaaa',
      shippingAddressId: 'adr_home0001',
      payment: { method: 'mobile_money', provider: 'mpesa' },
    });
    expect((await problem(momo, 400, 'validation_failed')).errors).toEqual([
      { path: 'payment.phone', message: expect.any(String) },
    ]);
  });

  it('answers 401 without a token', async () => {
    const res = await call('/v1/checkout', {
      method: 'POST',
      json: address('crt_aaaaaaaaaaaaaaaa'),
      headers: { 'idempotency-key': 'checkout-anon-001' },
    });
    await problem(res, 401, 'unauthenticated');
  });

  it('answers 409 for an empty cart', async () => {
    const userId = 'usr_emptycart';
    const token = await shopperToken(userId);
    const cartId = await userCartWith(userId, []);
    const res = await postCheckout(token, 'checkout-empty-001', address(cartId, userId));
    expect((await problem(res, 409, 'conflict')).detail).toBe('The cart is empty: add something before checking out');
  });
});

describe('checkout security', () => {
  it("answers 404 when shopper B checks out shopper A's cart, and takes nothing from it", async () => {
    const cartId = await userCartWith('usr_cartownera', [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const intruder = await shopperToken('usr_cartthiefb');
    const res = await postCheckout(intruder, 'checkout-thief-001', address(cartId, 'usr_cartthiefb'));
    expect((await problem(res, 404, 'not_found')).detail).toBe(`You have no cart ${cartId}`);
    expect((await cartOf(cartId).snapshot()).lines).toHaveLength(1);
    expect(await countRows(env.DB, 'SELECT count(*) AS n FROM orders WHERE user_id = ?', 'usr_cartthiefb')).toBe(0);
  });

  it("answers 404 naming shippingAddressId when shopper A ships to shopper B's address, and reserves and charges nothing", async () => {
    const userId = 'usr_addrthiefa';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_000_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const victimAddress = await seedHomeAddress('usr_addrownerb');
    const before = await inventoryOf(SKU.phoneCase).level();

    const res = await postCheckout(token, 'checkout-addr-thief-01', {
      cartId,
      shippingAddressId: victimAddress,
      payment: { method: 'wallet' },
    });
    expect(await problem(res, 404, 'not_found')).toMatchObject({
      detail: `You have no address ${victimAddress}`,
      errors: [{ path: 'shippingAddressId', message: 'Not one of your addresses' }],
    });
    expect(await countRows(env.DB, 'SELECT count(*) AS n FROM orders WHERE user_id = ?', userId)).toBe(0);
    expect(await countRows(env.PAYMENTS_DB, 'SELECT count(*) AS n FROM payments WHERE user_id = ?', userId)).toBe(0);
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect((await cartOf(cartId).snapshot()).lines).toHaveLength(1);
  });

  it('answers 404 for an address id that does not exist', async () => {
    const userId = 'usr_noaddress';
    const token = await shopperToken(userId);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const res = await postCheckout(token, 'checkout-addr-none-01', {
      cartId,
      shippingAddressId: 'adr_neverexisted',
      payment: { method: 'wallet' },
    });
    expect((await problem(res, 404, 'not_found')).detail).toBe('You have no address adr_neverexisted');
  });
});
