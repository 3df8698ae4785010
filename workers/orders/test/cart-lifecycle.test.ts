import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUEST_CART_TTL_MS, USER_CART_TTL_MS } from '../src/cart/types';
import { call, cartOf, inventoryOf, P, problem, SKU, seedCatalogOnce, shopperToken } from './fixtures';

beforeAll(async () => {
  await seedCatalogOnce();
  await inventoryOf(SKU.phoneCase).setStock(SKU.phoneCase, 40);
});

type Cart = { id: string; lines: { skuId: string; quantity: number }[] };

async function userCart(userId: string) {
  const token = await shopperToken(userId);
  const cart = (await (await call('/v1/carts', { method: 'POST', token })).json()) as Cart;
  const add = (skuId: string, quantity: number) =>
    call(`/v1/carts/${cart.id}/items`, { method: 'POST', token, json: { skuId, quantity } });
  return { token, id: cart.id, add };
}

describe('snapshot() and clear() for the checkout', () => {
  it('gives the lines with the prices the shopper saw, and the owner', async () => {
    const { id, add } = await userCart('usr_snapper');
    await add(SKU.phoneCase, 2);
    await add(SKU.dressM, 1);
    expect(await cartOf(id).snapshot()).toEqual({
      cartId: id,
      ownerId: 'usr_snapper',
      lines: [
        { skuId: SKU.phoneCase, quantity: 2, price: 450000, currency: 'NGN' },
        { skuId: SKU.dressM, quantity: 1, price: 15000, currency: 'XOF' },
      ],
      revision: 2,
    });
  });

  it('clears what the checkout bought, once per order, and keeps a line added after the snapshot', async () => {
    const { token, id, add } = await userCart('usr_clearer');
    await add(SKU.phoneCase, 2);
    const snapshot = await cartOf(id).snapshot();
    await add(SKU.dressM, 1);
    expect(await cartOf(id).clear('ord_cleared1')).toEqual({ ok: true, removed: 1 });
    expect(await cartOf(id).clear('ord_cleared1')).toEqual({ ok: true, removed: 1 });
    const cart = (await (await call(`/v1/carts/${id}`, { token })).json()) as Cart;
    expect(cart.lines.map((l) => l.skuId)).toEqual([SKU.dressM]);
    expect(snapshot.lines).toEqual([expect.objectContaining({ skuId: SKU.phoneCase })]);
  });

  it('keeps a line whose quantity changed after the snapshot, and honours an explicit revision', async () => {
    const { token, id, add } = await userCart('usr_changer');
    await add(SKU.phoneCase, 1);
    await add(SKU.dressM, 1);
    const { revision } = await cartOf(id).snapshot();
    await call(`/v1/carts/${id}/items/${SKU.dressM}`, { method: 'PATCH', token, json: { quantity: 2 } });
    await cartOf(id).snapshot(); // a later checkout attempt
    expect(await cartOf(id).clear('ord_explicit', revision)).toEqual({ ok: true, removed: 1 });
    const cart = (await (await call(`/v1/carts/${id}`, { token })).json()) as Cart;
    expect(cart.lines).toEqual([expect.objectContaining({ skuId: SKU.dressM, quantity: 2 })]);
  });

  it('snapshots a cart that does not exist as empty and ownerless', async () => {
    expect(await cartOf('crt_neverexisted00').snapshot()).toEqual({
      cartId: 'crt_neverexisted00',
      ownerId: null,
      lines: [],
      revision: 0,
    });
  });
});

describe('cart limits and expiry', () => {
  it('holds at most 50 different SKUs', async () => {
    const skus = Array.from({ length: 51 }, (_, i) => `sku_bulk${String(i).padStart(3, '0')}`);
    await env.CATALOG_DB.batch(
      skus.map((id, i) =>
        env.CATALOG_DB.prepare(
          "INSERT INTO skus (id, product_id, code, options, price, currency, available, position) VALUES (?, ?, ?, '{}', 100, 'NGN', 5, ?)",
        ).bind(id, P.case, `BULK-${i}`, i + 1),
      ),
    );
    const { id, add } = await userCart('usr_bulkbuyer');
    // 49 lines straight into the object (each HTTP add re-reads every line's stock); the 50th over HTTP.
    for (const sku of skus.slice(0, 49)) {
      const access = { userId: 'usr_bulkbuyer', tokenHash: null };
      expect(await cartOf(id).addItem(access, { skuId: sku, quantity: 1, price: 100, currency: 'NGN', limit: 20 })).toMatchObject(
        { ok: true },
      );
    }
    expect((await add(skus[49], 1)).status).toBe(201);
    const refused = await problem(await add(skus[50], 1), 409, 'conflict');
    expect(refused.detail).toContain('50');
    // A SKU already in the cart can still grow.
    expect((await add(skus[0], 1)).status).toBe(201);
  });

  it('keeps a guest cart 30 days and a user cart 90 days after its last change', async () => {
    const guest = (await (await call('/v1/carts', { method: 'POST' })).json()) as { cartId: string };
    const { id } = await userCart('usr_keeper');
    const now = Date.now();
    const guestAlarm = await runInDurableObject(cartOf(guest.cartId), (_, state) => state.storage.getAlarm());
    const userAlarm = await runInDurableObject(cartOf(id), (_, state) => state.storage.getAlarm());
    expect(guestAlarm).toBeGreaterThan(now + GUEST_CART_TTL_MS - 60_000);
    expect(guestAlarm).toBeLessThanOrEqual(now + GUEST_CART_TTL_MS);
    expect(userAlarm).toBeGreaterThan(now + USER_CART_TTL_MS - 60_000);
    expect(GUEST_CART_TTL_MS).toBe(30 * 24 * 3600 * 1000);
    expect(USER_CART_TTL_MS).toBe(90 * 24 * 3600 * 1000);
  });

  it('deletes an abandoned cart when its alarm fires, and keeps one touched since', async () => {
    const { token, id, add } = await userCart('usr_abandoner');
    await add(SKU.phoneCase, 1);
    await runInDurableObject(cartOf(id), (_, state) => {
      state.storage.sql.exec('UPDATE meta SET expires_at = ?', Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(cartOf(id))).toBe(true);
    // The cart is gone; the user starts a fresh one.
    const fresh = await call('/v1/carts', { method: 'POST', token });
    expect(fresh.status).toBe(201);
    expect(((await fresh.json()) as Cart).lines).toEqual([]);

    const kept = await userCart('usr_returner');
    await kept.add(SKU.phoneCase, 1);
    expect(await runDurableObjectAlarm(cartOf(kept.id))).toBe(true);
    const cart = (await (await call(`/v1/carts/${kept.id}`, { token: kept.token })).json()) as Cart;
    expect(cart.lines).toHaveLength(1);
  });
});
