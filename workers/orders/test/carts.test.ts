import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { userCartId } from '../src/cart/cart-address';
import { call, inventoryOf, problem, SKU, seedCatalogOnce, shopperToken, VENDOR_A, vendorToken } from './fixtures';

beforeAll(async () => {
  await seedCatalogOnce();
  // Stock the SKUs these tests sell (the Inventory objects adopt the catalog's numbers first).
  await inventoryOf(SKU.phoneCase).setStock(SKU.phoneCase, 40);
});

type Cart = {
  id: string;
  owner: string;
  lines: Record<string, unknown>[];
  subtotals: { amount: number; currency: string; formatted: string }[];
  itemCount: number;
  priceChanged: boolean;
};
type NewCart = Cart & { cartId: string; cartToken?: string };

async function newGuestCart() {
  const response = await call('/v1/carts', { method: 'POST' });
  expect(response.status).toBe(201);
  return { body: (await response.json()) as NewCart, cookie: response.headers.get('set-cookie') ?? '' };
}

const asGuest = (token: string) => ({ headers: { 'x-cart-token': token } });

describe('POST /v1/carts', () => {
  it('gives a guest a new cart, its token, and an HttpOnly SameSite=Lax cookie holding both', async () => {
    const { body, cookie } = await newGuestCart();
    expect(body).toMatchObject({ id: body.cartId, owner: 'guest', lines: [], subtotals: [], itemCount: 0 });
    expect(body.cartId).toMatch(/^crt_[0-9a-z]{26}$/);
    expect(body.cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toContain(`la_cart=${body.cartId}.${body.cartToken}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Secure');
  });

  it('gives a signed-in shopper their own cart, with a stable id, created once', async () => {
    const token = await shopperToken('usr_cartowner');
    const first = await call('/v1/carts', { method: 'POST', token });
    expect(first.status).toBe(201);
    const body = (await first.json()) as NewCart;
    expect(body).toMatchObject({ id: await userCartId('usr_cartowner'), owner: 'user' });
    expect(body.cartToken).toBeUndefined();
    expect(first.headers.get('set-cookie')).toBeNull();
    const again = await call('/v1/carts', { method: 'POST', token });
    expect(again.status).toBe(200);
    expect(((await again.json()) as NewCart).id).toBe(body.id);
  });

  it('lets a vendor shop too, in a cart of their own', async () => {
    const token = await vendorToken(VENDOR_A);
    const created = (await (await call('/v1/carts', { method: 'POST', token })).json()) as NewCart;
    const added = await call(`/v1/carts/${created.id}/items`, {
      method: 'POST',
      token,
      json: { skuId: SKU.dressM, quantity: 1 },
    });
    expect(added.status).toBe(201);
    expect(((await added.json()) as Cart).owner).toBe('user');
  });
});

describe('GET /v1/carts/:id: who may see a cart', () => {
  it('shows a guest cart to the holder of its token, by header or by cookie', async () => {
    const { body } = await newGuestCart();
    const byHeader = await call(`/v1/carts/${body.cartId}`, asGuest(body.cartToken ?? ''));
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get('cache-control')).toBe('private, no-store');
    const byCookie = await call(`/v1/carts/${body.cartId}`, { headers: { cookie: `la_cart=${body.cartId}.${body.cartToken}` } });
    expect(((await byCookie.json()) as Cart).id).toBe(body.cartId);
  });

  it('answers 404 without the token, with a wrong one, or with the token of another cart', async () => {
    const { body } = await newGuestCart();
    const other = await newGuestCart();
    await problem(await call(`/v1/carts/${body.cartId}`), 404, 'not_found');
    await problem(await call(`/v1/carts/${body.cartId}`, asGuest('not-the-token')), 404, 'not_found');
    await problem(await call(`/v1/carts/${body.cartId}`, asGuest(other.body.cartToken ?? '')), 404, 'not_found');
    // A cookie for another cart does not open this one.
    await problem(
      await call(`/v1/carts/${body.cartId}`, { headers: { cookie: `la_cart=${other.body.cartId}.${other.body.cartToken}` } }),
      404,
      'not_found',
    );
  });

  it("answers 404 to shopper B, and to a guest, asking for shopper A's cart", async () => {
    const tokenA = await shopperToken('usr_shoppera');
    const cartA = (await (await call('/v1/carts', { method: 'POST', token: tokenA })).json()) as NewCart;
    await call(`/v1/carts/${cartA.id}/items`, { method: 'POST', token: tokenA, json: { skuId: SKU.phoneCase, quantity: 1 } });
    const tokenB = await shopperToken('usr_shopperb');
    await problem(await call(`/v1/carts/${cartA.id}`, { token: tokenB }), 404, 'not_found');
    await problem(
      await call(`/v1/carts/${cartA.id}/items`, { method: 'POST', token: tokenB, json: { skuId: SKU.phoneCase, quantity: 1 } }),
      404,
      'not_found',
    );
    await problem(
      await call(`/v1/carts/${cartA.id}/items/${SKU.phoneCase}`, { method: 'DELETE', token: tokenB }),
      404,
      'not_found',
    );
    await problem(await call(`/v1/carts/${cartA.id}`), 404, 'not_found');
    const mine = (await (await call(`/v1/carts/${cartA.id}`, { token: tokenA })).json()) as Cart;
    expect(mine.lines).toHaveLength(1);
  });

  it('answers 400 to a malformed cart id', async () => {
    const body = await problem(await call('/v1/carts/not-a-cart'), 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'id', message: expect.any(String) }]);
  });

  it('answers 401 to a bad bearer token rather than treating the caller as a guest', async () => {
    await problem(await call('/v1/carts', { method: 'POST', token: 'garbage' }), 401, 'invalid_token');
  });
});

describe('cart lines', () => {
  it('shows each line with current title, price, vendor, image, availability and a subtotal per currency', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.samsungBlack, quantity: 2 } });
    const response = await call(`/v1/carts/${body.cartId}/items`, {
      ...guest,
      method: 'POST',
      json: { skuId: SKU.dressL, quantity: 1 },
    });
    expect(response.status).toBe(201);
    const cart = (await response.json()) as Cart;
    expect(cart.lines[0]).toEqual({
      skuId: SKU.samsungBlack,
      productId: 'prd_samsunga15',
      title: 'Samsung Galaxy A15 128GB',
      options: { storage: '128GB', colour: 'Black' },
      image: '/v1/images/products/prd_samsunga15/img_samsung.webp?w=160',
      vendor: { id: VENDOR_A, name: 'Lagos Gadgets' },
      quantity: 2,
      unitPrice: { amount: 18500000, currency: 'NGN', formatted: expect.stringContaining('185,000') },
      addedPrice: { amount: 18500000, currency: 'NGN', formatted: expect.any(String) },
      priceChanged: false,
      lineTotal: { amount: 37000000, currency: 'NGN', formatted: expect.stringContaining('370,000') },
      available: 5,
      status: 'available',
    });
    expect(cart.lines[1]).toMatchObject({ skuId: SKU.dressL, vendor: { name: 'Abidjan Mode' }, image: null, available: 2 });
    expect(cart.subtotals).toEqual([
      { amount: 37000000, currency: 'NGN', formatted: expect.any(String) },
      { amount: 25000, currency: 'XOF', formatted: expect.any(String) },
    ]);
    expect(cart.itemCount).toBe(3);
  });

  it('sums a SKU added twice into one line', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.phoneCase, quantity: 2 } });
    const cart = (await (
      await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.phoneCase, quantity: 3 } })
    ).json()) as Cart;
    expect(cart.lines).toEqual([expect.objectContaining({ skuId: SKU.phoneCase, quantity: 5 })]);
  });

  it('answers 409 out_of_stock naming the SKU when a line would exceed the stock', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    const refused = await problem(
      await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.samsungBlue, quantity: 1 } }),
      409,
      'out_of_stock',
    );
    expect(refused).toMatchObject({ skuId: SKU.samsungBlue, available: 0, detail: expect.stringContaining(SKU.samsungBlue) });
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.dressM, quantity: 2 } });
    const second = await problem(
      await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.dressM, quantity: 2 } }),
      409,
      'out_of_stock',
    );
    expect(second).toMatchObject({ skuId: SKU.dressM, available: 3 });
  });

  it('refuses more than 20 of one SKU, summed or set', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.phoneCase, quantity: 15 } });
    const refused = await problem(
      await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.phoneCase, quantity: 6 } }),
      409,
      'conflict',
    );
    expect(refused.detail).toContain('At most 20');
    await problem(
      await call(`/v1/carts/${body.cartId}/items/${SKU.phoneCase}`, { ...guest, method: 'PATCH', json: { quantity: 21 } }),
      400,
      'validation_failed',
    );
  });

  it.each([
    ['a quantity of 0', { skuId: 'sku_case', quantity: 0 }],
    ['a quantity of 21', { skuId: 'sku_case', quantity: 21 }],
    ['a fractional quantity', { skuId: 'sku_case', quantity: 1.5 }],
    ['a malformed SKU id', { skuId: 'case', quantity: 1 }],
    ['an unknown field', { skuId: 'sku_case', quantity: 1, price: 1 }],
  ])('answers 400 to %s', async (_, json) => {
    const { body } = await newGuestCart();
    await problem(
      await call(`/v1/carts/${body.cartId}/items`, { ...asGuest(body.cartToken ?? ''), method: 'POST', json }),
      400,
      'validation_failed',
    );
  });

  it('answers 415 to a body that is not JSON, and 400 to broken JSON', async () => {
    const { body } = await newGuestCart();
    const headers = { 'x-cart-token': body.cartToken ?? '' };
    await problem(
      await call(`/v1/carts/${body.cartId}/items`, { method: 'POST', headers, body: 'skuId=sku_case' }),
      415,
      'unsupported_media_type',
    );
    await problem(
      await call(`/v1/carts/${body.cartId}/items`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"skuId":',
      }),
      400,
      'malformed_json',
    );
  });

  it('answers 404 for a SKU that does not exist and 409 for one that is not for sale', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    const add = (skuId: string) =>
      call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId, quantity: 1 } });
    await problem(await add('sku_doesnotexist'), 404, 'not_found');
    await problem(await add(SKU.draft), 409, 'conflict');
    await problem(await add(SKU.hidden), 409, 'conflict');
  });

  it('sets and removes a line, and answers 404 for a line the cart does not have', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    const line = `/v1/carts/${body.cartId}/items/${SKU.phoneCase}`;
    await problem(await call(line, { ...guest, method: 'PATCH', json: { quantity: 2 } }), 404, 'not_found');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.phoneCase, quantity: 1 } });
    const patched = await call(line, { ...guest, method: 'PATCH', json: { quantity: 4 } });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Cart).lines).toEqual([expect.objectContaining({ quantity: 4 })]);
    await problem(await call(line, { ...guest, method: 'PATCH', json: { quantity: 0 } }), 400, 'validation_failed');
    await problem(await call(line, { ...guest, method: 'PATCH', json: {} }), 400, 'validation_failed');
    const removed = await call(line, { ...guest, method: 'DELETE' });
    expect(((await removed.json()) as Cart).lines).toEqual([]);
    await problem(await call(line, { ...guest, method: 'DELETE' }), 404, 'not_found');
  });

  it('refuses to set a quantity above the stock', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.samsungBlack, quantity: 1 } });
    const refused = await problem(
      await call(`/v1/carts/${body.cartId}/items/${SKU.samsungBlack}`, { ...guest, method: 'PATCH', json: { quantity: 9 } }),
      409,
      'out_of_stock',
    );
    expect(refused).toMatchObject({ skuId: SKU.samsungBlack, available: 5 });
  });

  it('flags a line whose price changed since it was added, and prices it at the new price', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.dressM, quantity: 2 } });
    await env.CATALOG_DB.prepare('UPDATE skus SET price = 12000 WHERE id = ?').bind(SKU.dressM).run();
    try {
      const cart = (await (await call(`/v1/carts/${body.cartId}`, guest)).json()) as Cart;
      expect(cart.priceChanged).toBe(true);
      expect(cart.lines[0]).toMatchObject({
        priceChanged: true,
        addedPrice: { amount: 15000, currency: 'XOF' },
        unitPrice: { amount: 12000, currency: 'XOF' },
        lineTotal: { amount: 24000 },
      });
      expect(cart.subtotals).toEqual([{ amount: 24000, currency: 'XOF', formatted: expect.any(String) }]);
    } finally {
      await env.CATALOG_DB.prepare('UPDATE skus SET price = 15000 WHERE id = ?').bind(SKU.dressM).run();
    }
  });

  it('marks a line whose product left the catalog as unavailable and leaves it out of the subtotal', async () => {
    const { body } = await newGuestCart();
    const guest = asGuest(body.cartToken ?? '');
    await call(`/v1/carts/${body.cartId}/items`, { ...guest, method: 'POST', json: { skuId: SKU.dressL, quantity: 1 } });
    await env.CATALOG_DB.prepare("UPDATE products SET status = 'archived' WHERE id = 'prd_ankaradress'").run();
    try {
      const cart = (await (await call(`/v1/carts/${body.cartId}`, guest)).json()) as Cart;
      expect(cart.lines[0]).toMatchObject({ status: 'unavailable', available: 0 });
      expect(cart.subtotals).toEqual([]);
    } finally {
      await env.CATALOG_DB.prepare("UPDATE products SET status = 'active' WHERE id = 'prd_ankaradress'").run();
    }
  });
});
