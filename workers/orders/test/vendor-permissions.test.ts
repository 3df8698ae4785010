import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, inventoryOf, problem, SKU, seedCatalogOnce, VENDOR_A, vendorToken } from './fixtures';

beforeAll(() => seedCatalogOnce());

/** A member of shop A with a staff role (the shop row exists through vendorToken). */
async function memberOfA(vendorRole: 'orders' | 'catalog' | 'finance') {
  await vendorToken(VENDOR_A);
  return mintDevToken({ userId: `usr_${vendorRole}member`, role: 'vendor', vendorId: VENDOR_A, vendorRole });
}

const stock = (skuId: string) => `/v1/vendor/skus/${skuId}/stock`;

describe('staff permissions on the vendor routes of orders (defence in depth behind the gateway)', () => {
  it('answers 403 naming catalog to an orders member who sets stock, and changes nothing', async () => {
    const token = await memberOfA('orders');
    const before = await inventoryOf(SKU.phoneCase).level();
    const body = await problem(
      await call(stock(SKU.phoneCase), { method: 'PUT', token, json: { quantity: 1 } }),
      403,
      'forbidden',
    );
    expect(body).toMatchObject({ detail: 'This needs the catalog permission of your shop', permission: 'catalog' });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    // Their own work is open to them.
    expect((await call('/v1/vendor/orders', { token })).status).toBe(200);
  });

  it('answers 403 naming orders to catalog and finance members on vendor orders', async () => {
    for (const role of ['catalog', 'finance'] as const) {
      const token = await memberOfA(role);
      const body = await problem(await call('/v1/vendor/orders', { token }), 403, 'forbidden');
      expect(body).toMatchObject({ permission: 'orders' });
    }
    // A catalog member manages stock.
    expect((await call(stock(SKU.phoneCase), { token: await memberOfA('catalog') })).status).toBe(200);
  });

  it('answers 403 naming orders to catalog and finance members on returns, and lets an orders member in', async () => {
    for (const role of ['catalog', 'finance'] as const) {
      const token = await memberOfA(role);
      const body = await problem(await call('/v1/vendor/returns', { token }), 403, 'forbidden');
      expect(body).toMatchObject({ permission: 'orders' });
    }
    expect((await call('/v1/vendor/returns', { token: await memberOfA('orders') })).status).toBe(200);
  });
});
