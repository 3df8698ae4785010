import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, inventoryOf, problem, SKU, seedCatalogOnce, VENDOR_A, VENDOR_B, vendorToken } from './fixtures';

beforeAll(() => seedCatalogOnce());

const stock = (skuId: string) => `/v1/vendor/skus/${skuId}/stock`;

describe('the shop guard on every vendor route of orders', () => {
  it("answers 403 to a suspended vendor's older token on stock and vendor orders, and changes nothing", async () => {
    // The token was minted while the shop was approved; the admin suspends it afterwards.
    const token = await vendorToken(VENDOR_B);
    await env.IDENTITY_DB.prepare("UPDATE vendors SET status = 'suspended' WHERE id = ?").bind(VENDOR_B).run();
    const before = await inventoryOf(SKU.dressM).level();

    const put = await problem(await call(stock(SKU.dressM), { method: 'PUT', token, json: { quantity: 999 } }), 403, 'forbidden');
    expect(put.detail).toBe('Vendor actions are closed: your shop is suspended');
    await problem(await call(stock(SKU.dressM), { token }), 403, 'forbidden');
    await problem(await call('/v1/vendor/orders', { token }), 403, 'forbidden');
    expect(await inventoryOf(SKU.dressM).level()).toEqual(before);
  });

  it('lets a member of an approved shop through', async () => {
    const res = await call(stock(SKU.phoneCase), { token: await vendorToken(VENDOR_A) });
    expect(res.status).toBe(200);
  });
});
