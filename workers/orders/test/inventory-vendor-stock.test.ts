import { beforeAll, describe, expect, it } from 'vitest';
import { call, inventoryOf, problem, SKU, seedCatalogOnce, shopperToken, VENDOR_A, VENDOR_B, vendorToken } from './fixtures';

beforeAll(() => seedCatalogOnce());

const stock = (skuId: string) => `/v1/vendor/skus/${skuId}/stock`;

describe('PUT|GET /v1/vendor/skus/:skuId/stock', () => {
  it("sets a vendor's own SKU's stock and answers the level", async () => {
    const token = await vendorToken(VENDOR_A);
    const response = await call(stock(SKU.phoneCase), { method: 'PUT', token, json: { quantity: 12 } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ skuId: SKU.phoneCase, onHand: 12, held: 0, available: 12 });
    await inventoryOf(SKU.phoneCase).reserve('ord_vendorview', 2, 60_000);
    const level = await call(stock(SKU.phoneCase), { token });
    expect(level.headers.get('cache-control')).toBe('private, no-store');
    expect(await level.json()).toEqual({ skuId: SKU.phoneCase, onHand: 12, held: 2, available: 10 });
  });

  it('shows the stock the catalog had before the vendor ever set it', async () => {
    const token = await vendorToken(VENDOR_B);
    expect(await (await call(stock(SKU.dressM), { token })).json()).toEqual({
      skuId: SKU.dressM,
      onHand: 3,
      held: 0,
      available: 3,
    });
  });

  it('answers 409 when on-hand would go below what checkouts hold', async () => {
    const token = await vendorToken(VENDOR_A);
    const refused = await problem(
      await call(stock(SKU.phoneCase), { method: 'PUT', token, json: { quantity: 1 } }),
      409,
      'conflict',
    );
    expect(refused).toMatchObject({ skuId: SKU.phoneCase, held: 2 });
    expect((await inventoryOf(SKU.phoneCase).level()).onHand).toBe(12);
  });

  it.each([
    ['a negative quantity', { quantity: -1 }],
    ['a fractional quantity', { quantity: 2.5 }],
    ['no quantity', {}],
    ['an unknown field', { quantity: 1, available: 1 }],
  ])('answers 400 to %s', async (_, json) => {
    const token = await vendorToken(VENDOR_A);
    await problem(await call(stock(SKU.phoneCase), { method: 'PUT', token, json }), 400, 'validation_failed');
  });

  it('answers 400 to a malformed SKU id and 404 to an unknown one', async () => {
    const token = await vendorToken(VENDOR_A);
    await problem(await call(stock('case'), { token }), 400, 'validation_failed');
    await problem(await call(stock('sku_doesnotexist'), { method: 'PUT', token, json: { quantity: 1 } }), 404, 'not_found');
  });

  it('replays a write sent again with the same Idempotency-Key, and refuses the key with another body', async () => {
    const token = await vendorToken(VENDOR_B);
    const headers = { 'idempotency-key': 'restock-dress-l-0001' };
    const first = await call(stock(SKU.dressL), { method: 'PUT', token, headers, json: { quantity: 7 } });
    expect(first.status).toBe(200);
    await inventoryOf(SKU.dressL).setStock(SKU.dressL, 9);
    const replay = await call(stock(SKU.dressL), { method: 'PUT', token, headers, json: { quantity: 7 } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    // The replay did not set the stock again.
    expect((await inventoryOf(SKU.dressL).level()).onHand).toBe(9);
    await problem(
      await call(stock(SKU.dressL), { method: 'PUT', token, headers, json: { quantity: 8 } }),
      409,
      'idempotency_conflict',
    );
  });
});

describe("a vendor cannot touch another vendor's stock", () => {
  it("answers 404 (not 403) to vendor A reading or setting vendor B's SKU, and leaves it unchanged", async () => {
    const token = await vendorToken(VENDOR_A);
    const before = await inventoryOf(SKU.dressM).level();
    await problem(await call(stock(SKU.dressM), { token }), 404, 'not_found');
    await problem(await call(stock(SKU.dressM), { method: 'PUT', token, json: { quantity: 999 } }), 404, 'not_found');
    expect(await inventoryOf(SKU.dressM).level()).toEqual(before);
  });

  it('answers 403 to a shopper and 401 without a token', async () => {
    await problem(await call(stock(SKU.phoneCase), { token: await shopperToken() }), 403, 'forbidden');
    await problem(
      await call(stock(SKU.phoneCase), { method: 'PUT', token: await shopperToken(), json: { quantity: 1 } }),
      403,
      'forbidden',
    );
    await problem(await call(stock(SKU.phoneCase), { method: 'PUT', json: { quantity: 1 } }), 401, 'unauthenticated');
  });
});
