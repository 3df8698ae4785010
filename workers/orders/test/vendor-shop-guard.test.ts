import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
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

  it('answers 403 to a staff member removed from the shop, whose token still names it', async () => {
    await vendorToken(VENDOR_A);
    const token = await mintDevToken({ userId: 'usr_formerstaff', role: 'vendor', vendorId: VENDOR_A });
    const res = await call(stock(SKU.phoneCase), { method: 'PUT', token, json: { quantity: 0 } });
    expect((await problem(res, 403, 'forbidden')).detail).toBe('Vendor actions are closed: you do not work for this shop');
  });

  it('lets a member of an approved shop through', async () => {
    const res = await call(stock(SKU.phoneCase), { token: await vendorToken(VENDOR_A) });
    expect(res.status).toBe(200);
  });
});
