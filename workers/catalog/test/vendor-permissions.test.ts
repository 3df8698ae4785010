import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, problem, seedCatalog, VENDOR_A, vendorToken } from './fixtures';

beforeAll(() => seedCatalog(env.DB));

const product = {
  title: 'Kitenge wrap dress',
  description: 'Cotton, made in Kisumu',
  category: 'phones',
  status: 'active',
  skus: [{ code: 'KIT-M', options: { size: 'M' }, price: 250000, available: 3 }],
};

const memberOfA = (vendorRole: 'orders' | 'catalog' | 'finance') =>
  mintDevToken({ userId: `usr_${vendorRole}staff`, role: 'vendor', vendorId: VENDOR_A, vendorRole });

describe('staff permissions on the vendor product routes (defence in depth behind the gateway)', () => {
  it.each(['orders', 'finance'] as const)(
    'answers 403 naming catalog to a %s member who creates or lists products, and writes nothing',
    async (role) => {
      const token = await memberOfA(role);
      const before = await env.DB.prepare('SELECT count(*) AS n FROM products WHERE vendor_id = ?')
        .bind(VENDOR_A)
        .first<number>('n');
      const body = await problem(await call('/v1/vendor/products', { method: 'POST', token, json: product }), 403, 'forbidden');
      expect(body).toMatchObject({ detail: 'This needs the catalog permission of your shop', permission: 'catalog' });
      await problem(await call('/v1/vendor/products', { token }), 403, 'forbidden');
      const after = await env.DB.prepare('SELECT count(*) AS n FROM products WHERE vendor_id = ?')
        .bind(VENDOR_A)
        .first<number>('n');
      expect(after).toBe(before);
    },
  );

  it('lets a catalog member and the owner manage products', async () => {
    expect((await call('/v1/vendor/products', { token: await memberOfA('catalog') })).status).toBe(200);
    expect((await call('/v1/vendor/products', { token: await vendorToken(VENDOR_A) })).status).toBe(200);
  });
});
