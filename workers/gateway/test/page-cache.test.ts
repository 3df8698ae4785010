import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog, VENDOR_A } from '../../catalog/test/seed-catalog';
import { eventually, get } from './helpers';

beforeAll(() => seedCatalog(env.CATALOG_DB));

/** Two requests for the same page: what the second one was answered from. */
async function secondFrom(path: string, init: RequestInit = {}): Promise<string | null> {
  await get(path, init);
  return (await get(path, init)).headers.get('x-cache');
}

describe('whole shopper pages at the edge', () => {
  it('serves an anonymous visitor the stored HTML, byte for byte, with the public page policy', async () => {
    const first = await get('/c/phones');
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await get('/c/phones');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(second.headers.get('vary')).toContain('Cookie');
    expect(second.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await second.text()).toBe(await first.text());
  });

  it('never serves or stores a page for a signed-in or cart-holding visitor', async () => {
    await get('/c/fashion');
    expect((await get('/c/fashion')).headers.get('x-cache')).toBe('HIT');
    for (const cookie of ['la_cart=crt_x.token', `la_at=${await mintDevToken({ userId: 'usr_s1', role: 'shopper' })}`]) {
      const response = await get('/c/fashion', { headers: { cookie } });
      expect(response.headers.get('x-cache')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('private, no-cache');
    }
    const bearer = await get('/c/fashion', { headers: { authorization: 'Bearer anything' } });
    expect(bearer.headers.get('x-cache')).toBeNull();
  });

  it('keeps one copy per language, country and data-saver', async () => {
    expect(await secondFrom(`/p/${P.samsung}`)).toBe('HIT');
    const french = await get(`/p/${P.samsung}`, { headers: { 'accept-language': 'fr' } });
    expect(french.headers.get('x-cache')).toBe('MISS');
    expect(french.headers.get('content-language')).toBe('fr');
    expect((await get(`/p/${P.samsung}`, { headers: { 'accept-language': 'fr' } })).headers.get('x-cache')).toBe('HIT');

    const kenya = await get(`/p/${P.samsung}`, { headers: { 'cf-ipcountry': 'KE' } });
    expect(kenya.headers.get('x-cache')).toBe('MISS');
    expect(await secondFrom(`/p/${P.samsung}`, { headers: { cookie: 'la_country=GH' } })).toBe('HIT');

    const lite = await get(`/p/${P.samsung}`, { headers: { 'save-data': 'on' } });
    expect(lite.headers.get('x-cache')).toBe('MISS');
    const html = await (await get(`/p/${P.samsung}`, { headers: { 'save-data': 'on' } })).text();
    expect(html).not.toContain('<img');
    expect(await (await get(`/p/${P.samsung}`)).text()).toContain('<img');
  });

  it('shows a vendor change at once: the change event makes every stored page unreachable', async () => {
    expect(await secondFrom(`/p/${P.tecno}`)).toBe('HIT');
    expect(await secondFrom('/c/phones')).toBe('HIT');
    const token = await mintDevToken({ userId: 'usr_vendora', role: 'vendor', vendorId: VENDOR_A });
    const update = await get(`/v1/vendor/products/${P.tecno}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tecno Spark 20 Pro Max' }),
    });
    expect(update.status).toBe(200);
    await eventually(async () => {
      const page = await get(`/p/${P.tecno}`);
      expect(page.headers.get('x-cache')).toBe('MISS');
      expect(await page.text()).toContain('Tecno Spark 20 Pro Max');
    });
    const listing = await get('/c/phones');
    expect(listing.headers.get('x-cache')).toBe('MISS');
    expect(await listing.text()).toContain('Tecno Spark 20 Pro Max');
  });

  it('stores no error page, form page or private page', async () => {
    expect(await secondFrom('/p/prd_doesnotexist')).toBeNull();
    expect(await secondFrom('/signin')).toBeNull();
    expect(await secondFrom('/cart')).toBeNull();
  });
});

describe('images at the edge', () => {
  it('serves an image from the location cache after its first request, immutable', async () => {
    await env.CATALOG_IMAGES.put('products/prd_edgecase/img_edge/320.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), {
      httpMetadata: { contentType: 'image/jpeg' },
    });
    const first = await get('/v1/images/products/prd_edgecase/img_edge.jpg?w=320');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    await first.arrayBuffer();
    // Gone from R2, still served from the edge: the key's bytes can never change.
    await env.CATALOG_IMAGES.delete('products/prd_edgecase/img_edge/320.jpg');
    const second = await get('/v1/images/products/prd_edgecase/img_edge.jpg?w=320');
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
  });

  it('does not store a missing image', async () => {
    expect((await get('/v1/images/products/prd_none/img_none.jpg?w=320')).status).toBe(404);
    await env.CATALOG_IMAGES.put('products/prd_none/img_none/320.jpg', new Uint8Array([1, 2, 3]));
    const later = await get('/v1/images/products/prd_none/img_none.jpg?w=320');
    expect(later.status).toBe(200);
    expect(later.headers.get('x-cache')).toBe('MISS');
  });
});
