import { describe, expect, it } from 'vitest';
import { adminToken, call, problem, shopperToken, vendorToken } from './fixtures';

// Admin: a shop that delivers itself (vendor_self_delivery); its quotes then say deliveredBy: vendor.

const quote = async (vendorId: string) => {
  const params = new URLSearchParams({
    country: 'KE',
    city: 'Nairobi',
    method: 'home',
    currency: 'KES',
    vendorId,
    subtotal: '500000',
  });
  const body = (await (await call(`/v1/delivery/quote?${params}`)).json()) as { items: { deliveredBy: string }[] };
  return body.items[0].deliveredBy;
};

describe('PUT /v1/admin/self-delivery/:vendorId', () => {
  it('switches a shop to its own delivery and back; repeating either changes nothing', async () => {
    const token = await adminToken();
    const put = (selfDelivery: boolean) =>
      call('/v1/admin/self-delivery/vnd_bikeshop', { method: 'PUT', token, json: { selfDelivery } });
    expect(await quote('vnd_bikeshop')).toBe('platform');
    const on = (await (await put(true)).json()) as { selfDelivery: boolean; since: string };
    expect(on).toMatchObject({ vendorId: 'vnd_bikeshop', selfDelivery: true });
    expect(((await (await put(true)).json()) as { since: string }).since).toBe(on.since);
    expect(await quote('vnd_bikeshop')).toBe('vendor');
    expect(await (await put(false)).json()).toEqual({ vendorId: 'vnd_bikeshop', selfDelivery: false, since: null });
    expect(await quote('vnd_bikeshop')).toBe('platform');
  });

  it('is for admins only, and names the field of bad input', async () => {
    const json = { selfDelivery: true };
    await problem(await call('/v1/admin/self-delivery/vnd_bikeshop', { method: 'PUT', json }), 401, 'unauthenticated');
    for (const token of [await shopperToken(), await vendorToken('vnd_bikeshop')]) {
      await problem(await call('/v1/admin/self-delivery/vnd_bikeshop', { method: 'PUT', token, json }), 403, 'forbidden');
    }
    expect(await quote('vnd_bikeshop')).toBe('platform');
    const token = await adminToken();
    const bad = await problem(
      await call('/v1/admin/self-delivery/shop1', { method: 'PUT', token, json: { selfDelivery: 'yes' } }),
      400,
      'validation_failed',
    );
    expect((bad.errors as { path: string }[]).map((e) => e.path)).toContain('vendorId');
  });
});
