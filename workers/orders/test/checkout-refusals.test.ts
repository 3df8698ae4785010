import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fundWallet,
  inventoryOf,
  LAGOS_STATION_FEE,
  postCheckout,
  SKU,
  seedCatalogOnce,
  settledOrder,
  shopperToken,
  userCartWith,
  walletBalance,
} from './fixtures';

const CASE_PRICE = 450_000;

beforeAll(async () => {
  await seedCatalogOnce();
});

const wallet = (cartId: string) => ({ cartId, pickupStationId: 'pks_ng001lagos', payment: { method: 'wallet' } });

async function checkoutAs(userId: string, key: string, lines: { skuId: string; quantity: number; price?: number }[], fund = 0) {
  const token = await shopperToken(userId);
  if (fund > 0) await fundWallet(token, fund);
  const cartId = await userCartWith(userId, lines);
  const res = await postCheckout(token, key, wallet(cartId));
  expect(res.status).toBe(202);
  const { orderId } = (await res.json()) as { orderId: string };
  return { token, orderId, order: await settledOrder(token, orderId) };
}

describe('the checkout cancels what it cannot sell, and says why', () => {
  it('cancels with out_of_stock naming the short SKU, and releases the holds it took', async () => {
    const caseBefore = await inventoryOf(SKU.phoneCase).level();
    const { token, order } = await checkoutAs(
      'usr_toolate',
      'refuse-oos-00001',
      [
        { skuId: SKU.phoneCase, quantity: 1 },
        { skuId: SKU.tecno, quantity: 1 },
      ],
      1_000_000,
    );
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'out_of_stock', skuIds: [SKU.tecno] } });
    expect(order.vendorOrders).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(caseBefore);
    expect(await walletBalance(token)).toBe(1_000_000);
  });

  it('asks for more than there is: out_of_stock, nothing held', async () => {
    const { order } = await checkoutAs('usr_greedy', 'refuse-oos-00002', [{ skuId: SKU.samsungBlack, quantity: 6 }]);
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'out_of_stock', skuIds: [SKU.samsungBlack] } });
    expect(await inventoryOf(SKU.samsungBlack).level()).toMatchObject({ held: 0, available: 5 });
  });

  it('refuses a cart in two currencies before holding anything', async () => {
    const dressBefore = await inventoryOf(SKU.dressM).level();
    const { order } = await checkoutAs('usr_twocurrencies', 'refuse-mixed-001', [
      { skuId: SKU.phoneCase, quantity: 1 },
      { skuId: SKU.dressM, quantity: 1 },
    ]);
    expect(order).toMatchObject({
      status: 'cancelled',
      currency: null,
      total: null,
      vendorOrders: [],
      cancellation: { reason: 'mixed_currencies', skuIds: [SKU.phoneCase, SKU.dressM] },
    });
    expect(await inventoryOf(SKU.dressM).level()).toEqual(dressBefore);
    const cancelled = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'order.cancelled'").all<{ body: string }>();
    expect(cancelled.results.map((r) => JSON.parse(r.body).data)).toContainEqual({
      orderId: order.id,
      userId: 'usr_twocurrencies',
      reason: 'mixed_currencies',
      skuIds: [SKU.phoneCase, SKU.dressM],
    });
  });

  it('refuses a SKU that is no longer for sale (draft product) with sku_unavailable', async () => {
    const { order } = await checkoutAs('usr_draftbuyer', 'refuse-draft-001', [{ skuId: SKU.draft, quantity: 1 }]);
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'sku_unavailable', skuIds: [SKU.draft] } });
  });

  it('cancels with insufficient_funds when the wallet cannot pay, and frees the stock', async () => {
    const before = await inventoryOf(SKU.phoneCase).level();
    const { token, order } = await checkoutAs('usr_broke', 'refuse-funds-001', [{ skuId: SKU.phoneCase, quantity: 1 }], 100_000);
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'insufficient_funds', skuIds: [] } });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect(await walletBalance(token)).toBe(100_000);
  });
});

describe('prices that changed since the cart', () => {
  it("charges today's price and records the change on the order", async () => {
    const { token, order } = await checkoutAs(
      'usr_pricewatcher',
      'price-change-001',
      [{ skuId: SKU.phoneCase, quantity: 2, price: 400_000 }],
      1_200_000,
    );
    expect(order).toMatchObject({
      status: 'confirmed',
      total: { amount: 2 * CASE_PRICE + LAGOS_STATION_FEE },
      priceChanges: [
        { skuId: SKU.phoneCase, cartPrice: { amount: 400_000, currency: 'NGN' }, price: { amount: CASE_PRICE, currency: 'NGN' } },
      ],
    });
    expect(await walletBalance(token)).toBe(1_200_000 - 2 * CASE_PRICE - LAGOS_STATION_FEE);
  });
});
