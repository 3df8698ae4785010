import { beforeAll, describe, expect, it } from 'vitest';
import { call, inventoryOf, problem, SKU, seedCatalogOnce } from './fixtures';

beforeAll(async () => {
  await seedCatalogOnce();
  await inventoryOf(SKU.phoneCase).setStock(SKU.phoneCase, 40);
});

type CartBody = { id: string; cartId: string; cartToken: string; lines: { skuId: string; quantity: number }[] };

async function guestCart() {
  const body = (await (await call('/v1/carts', { method: 'POST' })).json()) as CartBody;
  return { id: body.cartId, headers: { 'x-cart-token': body.cartToken } };
}

async function add(cart: { id: string; headers: Record<string, string> }, key?: string) {
  return call(`/v1/carts/${cart.id}/items`, {
    method: 'POST',
    headers: { ...cart.headers, ...(key ? { 'idempotency-key': key } : {}) },
    json: { skuId: SKU.phoneCase, quantity: 2 },
  });
}

describe('POST /v1/carts/:id/items with an Idempotency-Key', () => {
  it('adds a form sent twice with the same key once', async () => {
    const cart = await guestCart();
    const first = await add(cart, 'form-0d9e0c1a-2b7f');
    expect(first.status).toBe(201);
    const second = await add(cart, 'form-0d9e0c1a-2b7f');
    expect(second.status).toBe(201);
    const body = (await second.json()) as CartBody;
    expect(body.lines).toEqual([expect.objectContaining({ skuId: SKU.phoneCase, quantity: 2 })]);
  });

  it('adds again for another key, and for adds without a key', async () => {
    const cart = await guestCart();
    await add(cart, 'form-aaaaaaaa-1');
    await add(cart, 'form-bbbbbbbb-2');
    const third = (await (await add(cart)).json()) as CartBody;
    expect(third.lines).toEqual([expect.objectContaining({ skuId: SKU.phoneCase, quantity: 6 })]);
  });

  it('answers 400 naming the header for a malformed key', async () => {
    const cart = await guestCart();
    await problem(await add(cart, 'no spaces allowed'), 400, 'validation_failed');
  });
});

describe('POST /v1/carts/:id/items with shipTo', () => {
  it('refuses at once an item that cannot be delivered to the cart’s country, saying where it ships from', async () => {
    const cart = await guestCart();
    const refused = await call(`/v1/carts/${cart.id}/items`, {
      method: 'POST',
      headers: cart.headers,
      json: { skuId: SKU.phoneCase, quantity: 1, shipTo: 'KE' },
    });
    const body = await problem(refused, 409, 'conflict');
    expect(body).toMatchObject({ reason: 'not_deliverable', shipsFrom: 'NG', shipTo: 'KE', skuId: SKU.phoneCase });
  });

  it('adds an item sold in the cart’s own country', async () => {
    const cart = await guestCart();
    const added = await call(`/v1/carts/${cart.id}/items`, {
      method: 'POST',
      headers: cart.headers,
      json: { skuId: SKU.phoneCase, quantity: 1, shipTo: 'NG' },
    });
    expect(added.status).toBe(201);
  });
});
