import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { productVersionKey } from '@linked-all/cache';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeIdentityEvents } from '../src/consumers/identity-events';
import { call, P, problem, seedCatalog, VENDOR_A, vendorToken } from './fixtures';

beforeAll(() => seedCatalog(env.DB));

let sequence = 0;
async function deliver(type: 'vendor.approved' | 'vendor.suspended' | 'vendor.closed', data: Record<string, string>) {
  sequence += 1;
  const id = `01936a1e-0000-7000-8000-0000000010${String(sequence).padStart(2, '0')}`;
  const body = { id, type, version: 1, occurredAt: new Date().toISOString(), data };
  const batch = createMessageBatch('identity-events', [{ id: `m${sequence}`, timestamp: new Date(), attempts: 1, body }]);
  await consumeIdentityEvents(batch, env);
  return { id, result: await getQueueResult(batch, createExecutionContext()) };
}

describe('identity-events in the catalog', () => {
  it('suspending a vendor hides its products, refuses its writes and invalidates cached copies', async () => {
    const { id, result } = await deliver('vendor.suspended', { vendorId: VENDOR_A, reason: 'documents expired' });
    expect(result.explicitAcks).toEqual([`m${sequence}`]);
    const listing = (await (await call('/v1/products')).json()) as { items: { vendor: { id: string } }[] };
    expect(listing.items.some((p) => p.vendor.id === VENDOR_A)).toBe(false);
    await problem(await call(`/v1/products/${P.samsung}`), 404, 'not_found');
    expect(await env.CACHE.get(productVersionKey(P.samsung))).toBe(id);
    const write = await call(`/v1/vendor/products/${P.samsung}`, {
      method: 'PATCH',
      token: await vendorToken(VENDOR_A),
      json: { title: 'Still selling?' },
    });
    await problem(write, 403, 'forbidden');
  });

  it('approving the vendor again brings its shop back', async () => {
    await deliver('vendor.approved', { vendorId: VENDOR_A, name: 'Lagos Gadgets', country: 'NG', currency: 'NGN' });
    expect((await call(`/v1/products/${P.samsung}`)).status).toBe(200);
  });

  it('opens a shop for a newly approved vendor, who can then list products', async () => {
    await deliver('vendor.approved', {
      vendorId: 'vnd_newshopnairobi',
      name: 'Nairobi Naturals',
      country: 'KE',
      currency: 'KES',
    });
    const response = await call('/v1/vendor/products', {
      method: 'POST',
      token: await vendorToken('vnd_newshopnairobi'),
      json: {
        title: 'Macadamia oil 250ml',
        category: 'fashion',
        status: 'active',
        skus: [{ code: 'MAC-250', price: 95000, available: 10 }],
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      price: { currency: 'KES', amount: 95000 },
      vendor: { name: 'Nairobi Naturals', country: 'KE' },
    });
  });

  it('a closed vendor stays hidden', async () => {
    await deliver('vendor.closed', { vendorId: 'vnd_newshopnairobi', reason: 'Fraud confirmed' });
    const listing = (await (await call('/v1/products')).json()) as { items: { vendor: { id: string } }[] };
    expect(listing.items.some((p) => p.vendor.id === 'vnd_newshopnairobi')).toBe(false);
    const shop = await env.DB.prepare('SELECT status FROM vendors WHERE id = ?').bind('vnd_newshopnairobi').first();
    expect(shop).toEqual({ status: 'closed' });
  });
});
