import { beforeAll, describe, expect, it } from 'vitest';
import { userCartId } from '../src/cart/cart-address';
import { call, inventoryOf, problem, SKU, seedCatalogOnce, shopperToken } from './fixtures';

beforeAll(async () => {
  await seedCatalogOnce();
  await inventoryOf(SKU.phoneCase).setStock(SKU.phoneCase, 40);
});

type Cart = { id: string; owner: string; lines: { skuId: string; quantity: number; priceChanged: boolean }[] };

async function guestCartWith(lines: { skuId: string; quantity: number }[]) {
  const created = (await (await call('/v1/carts', { method: 'POST' })).json()) as { cartId: string; cartToken: string };
  for (const json of lines) {
    const response = await call(`/v1/carts/${created.cartId}/items`, {
      method: 'POST',
      headers: { 'x-cart-token': created.cartToken },
      json,
    });
    expect(response.status).toBe(201);
  }
  return created;
}

describe('POST /v1/carts/:id/merge', () => {
  it("moves a guest cart into the user's cart at login: quantities summed and capped, the guest cart emptied", async () => {
    const token = await shopperToken('usr_merger');
    const userCart = (await (await call('/v1/carts', { method: 'POST', token })).json()) as Cart;
    await call(`/v1/carts/${userCart.id}/items`, { method: 'POST', token, json: { skuId: SKU.phoneCase, quantity: 10 } });
    const guest = await guestCartWith([
      { skuId: SKU.phoneCase, quantity: 15 },
      { skuId: SKU.dressM, quantity: 2 },
    ]);

    const response = await call(`/v1/carts/${guest.cartId}/merge`, {
      method: 'POST',
      token,
      headers: { cookie: `la_cart=${guest.cartId}.${guest.cartToken}` },
    });
    expect(response.status).toBe(200);
    const merged = (await response.json()) as Cart;
    expect(merged.id).toBe(await userCartId('usr_merger'));
    expect(merged.lines.map((l) => [l.skuId, l.quantity])).toEqual([
      [SKU.phoneCase, 20],
      [SKU.dressM, 2],
    ]);
    // The guest cookie is dropped: the user's cart is the cart from now on.
    expect(response.headers.get('set-cookie')).toMatch(/^la_cart=;.*Max-Age=0/);
    const emptied = (await (
      await call(`/v1/carts/${guest.cartId}`, { headers: { 'x-cart-token': guest.cartToken } })
    ).json()) as Cart;
    expect(emptied.lines).toEqual([]);

    // Idempotent: merging again adds nothing.
    const again = await call(`/v1/carts/${guest.cartId}/merge`, {
      method: 'POST',
      token,
      headers: { 'x-cart-token': guest.cartToken },
    });
    expect(((await again.json()) as Cart).lines.map((l) => [l.skuId, l.quantity])).toEqual([
      [SKU.phoneCase, 20],
      [SKU.dressM, 2],
    ]);
  });

  it("creates the user's cart when they had none, capping a line at the stock left", async () => {
    const token = await shopperToken('usr_newcomer');
    const guest = await guestCartWith([{ skuId: SKU.dressL, quantity: 2 }]);
    await inventoryOf(SKU.dressL).setStock(SKU.dressL, 1);
    const merged = (await (
      await call(`/v1/carts/${guest.cartId}/merge`, { method: 'POST', token, headers: { 'x-cart-token': guest.cartToken } })
    ).json()) as Cart;
    expect(merged).toMatchObject({ owner: 'user', lines: [{ skuId: SKU.dressL, quantity: 1 }] });
  });

  it('answers 401 to a guest, 404 without the guest token, 409 for merging a cart into itself', async () => {
    const guest = await guestCartWith([{ skuId: SKU.phoneCase, quantity: 1 }]);
    await problem(
      await call(`/v1/carts/${guest.cartId}/merge`, { method: 'POST', headers: { 'x-cart-token': guest.cartToken } }),
      401,
      'unauthenticated',
    );
    const token = await shopperToken('usr_thief');
    await problem(await call(`/v1/carts/${guest.cartId}/merge`, { method: 'POST', token }), 404, 'not_found');
    await problem(
      await call(`/v1/carts/${guest.cartId}/merge`, { method: 'POST', token, headers: { 'x-cart-token': 'wrong' } }),
      404,
      'not_found',
    );
    const own = await userCartId('usr_thief');
    await call('/v1/carts', { method: 'POST', token });
    await problem(await call(`/v1/carts/${own}/merge`, { method: 'POST', token }), 409, 'conflict');
    // The guest cart is untouched by the refused attempts.
    const untouched = (await (
      await call(`/v1/carts/${guest.cartId}`, { headers: { 'x-cart-token': guest.cartToken } })
    ).json()) as Cart;
    expect(untouched.lines).toHaveLength(1);
  });

  it("answers 404 to shopper B merging shopper A's cart", async () => {
    const tokenA = await shopperToken('usr_mergea');
    const cartA = (await (await call('/v1/carts', { method: 'POST', token: tokenA })).json()) as Cart;
    const tokenB = await shopperToken('usr_mergeb');
    await problem(await call(`/v1/carts/${cartA.id}/merge`, { method: 'POST', token: tokenB }), 404, 'not_found');
  });
});
