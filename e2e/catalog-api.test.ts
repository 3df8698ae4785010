// The catalog API end to end: gateway → Service Binding → catalog → D1/R2, the
// queue consumer and the KV cache, all in one real `wrangler dev`, seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../packages/auth/src/dev-keys';
import { precisionAt5, RELEVANCE_SET, relevanceUrl } from '../scripts/lib/relevance-set.mjs';
import { type Stack, sharedStack } from './stack';

let stack: Stack;

type Summary = { id: string; title: string; price: { currency: string }; image: { src: string } | null; vendor: { id: string } };
type Listing = { items: Summary[]; nextCursor: string | null; facets: { categories: unknown[]; priceBands: unknown[] } };

beforeAll(async () => {
  stack = await sharedStack();
});
afterAll(async () => {
  await stack?.stop();
});

const api = (path: string, init?: RequestInit) => fetch(`${stack.baseUrl}${path}`, init);

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await api(path, init);
  expect(response.status, `${path}: ${stack.log().slice(-2000)}`).toBe(200);
  return (await response.json()) as T;
}

describe('the seeded catalog through the gateway', () => {
  it('reports healthy services', async () => {
    expect(await json('/v1/health')).toMatchObject({ status: 'ok', services: { catalog: { ok: true } } });
  });

  it('lists 50 products in at least 5 currencies, with facets and a next page', async () => {
    const page = await json<Listing>('/v1/products?limit=50');
    expect(page.items).toHaveLength(50);
    expect(new Set(page.items.map((p) => p.price.currency)).size).toBeGreaterThanOrEqual(5);
    expect(page.facets.categories.length).toBeGreaterThan(0);
    expect(page.facets.priceBands.length).toBeGreaterThan(0);
    const next = await json<Listing>(`/v1/products?limit=50&cursor=${page.nextCursor}`);
    const first = new Set(page.items.map((p) => p.id));
    expect(next.items.some((p) => first.has(p.id))).toBe(false);
  });

  it('searches, suggests and serves product images from R2', async () => {
    const query = stack.manifest.queries[0];
    const results = await json<Listing>(`/v1/products?q=${encodeURIComponent(query)}`);
    expect(results.items.length).toBeGreaterThan(0);
    const suggestions = await api(`/v1/search/suggest?q=${encodeURIComponent(stack.manifest.suggest[0])}`);
    const text = await suggestions.text();
    expect(JSON.parse(text).items.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(2048);
    const withImage =
      results.items.find((p) => p.image) ?? (await json<Listing>('/v1/products?limit=50')).items.find((p) => p.image);
    const image = await api(withImage?.image?.src ?? '/missing');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect(image.headers.get('cache-control')).toContain('immutable');
  });

  it("shows a vendor's update on the next read once its event is consumed, and refuses other vendors", async () => {
    const [product] = (await json<Listing>('/v1/products?limit=1&sort=price_desc')).items;
    const path = `/v1/products/${product.id}`;
    await api(path);
    expect((await api(path)).headers.get('x-cache')).toBe('HIT');

    const other = stack.manifest.vendors.find((v) => v.id !== product.vendor.id && v.status === 'active');
    const intruder = await mintDevToken({ userId: 'usr_intruder', role: 'vendor', vendorId: other?.id ?? 'vnd_other' });
    const refused = await api(`/v1/vendor/products/${product.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${intruder}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Hijacked' }),
    });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: 'not_found' });

    const owner = await mintDevToken({ userId: 'usr_owner', role: 'vendor', vendorId: product.vendor.id });
    const title = `${product.title} (new season)`.slice(0, 140);
    const updated = await api(`/v1/vendor/products/${product.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json', 'idempotency-key': 'e2e-update-0001' },
      body: JSON.stringify({ title }),
    });
    expect(updated.status, await updated.clone().text()).toBe(200);

    // The queue delivers within about a second locally; poll, bounded.
    const deadline = Date.now() + 15_000;
    let seen = '';
    while (Date.now() < deadline) {
      seen = ((await (await api(path)).json()) as Summary).title;
      if (seen === title) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen).toBe(title);
    const listing = await json<Listing>('/v1/products?limit=1&sort=price_desc');
    expect(listing.items[0].title).toBe(title);
  });

  it('signs in a demo vendor and lets that token change its own shop, and only its own', async () => {
    const login = await api('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'vendor1@demo.test', password: 'demo-password' }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const shop = stack.manifest.vendors.filter((v) => v.status === 'active')[0];
    const [own] = (await json<Listing>(`/v1/products?vendor=${shop.id}&limit=1`)).items;
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const changed = await api(`/v1/vendor/products/${own.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ description: 'Fresh stock every Monday' }),
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const [foreign] = (await json<Listing>('/v1/products?limit=50')).items.filter((p) => p.vendor.id !== shop.id);
    const refused = await api(`/v1/vendor/products/${foreign.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ description: 'x' }),
    });
    expect(refused.status).toBe(404);
  });

  it('answers bad input with problem+json, never a 5xx', async () => {
    for (const path of ['/v1/products?limit=9999', '/v1/products?sort=%00', '/v1/products/../../etc', '/v1/search/suggest?q=']) {
      const response = await api(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get('content-type'), path).toBe('application/problem+json');
    }
  });
});

describe('search relevance (scripts/lib/relevance-set.mjs)', () => {
  it('puts what a shopper expects in the top 5: precision@5 ≥ 0.8 over the whole set', async () => {
    const scores: { q: string; precision: number; got: string[] }[] = [];
    for (const entry of RELEVANCE_SET) {
      const body = await json<{ items: { title: string; country: string; category: { slug: string } }[] }>(relevanceUrl(entry));
      scores.push({ q: entry.q, precision: precisionAt5(entry, body.items), got: body.items.map((p) => p.title) });
    }
    const mean = scores.reduce((n, s) => n + s.precision, 0) / scores.length;
    const misses = scores.filter((s) => s.precision < 0.8);
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(40);
    expect(mean, JSON.stringify(misses, null, 1)).toBeGreaterThanOrEqual(0.8);
    // The audit's own examples, by name.
    for (const q of ['laptop hp', 'hp laptop', 'phne', 'samsng', 'infinix charger', 'shoes men', 'samsung']) {
      expect(scores.find((s) => s.q === q)?.precision, q).toBe(1);
    }
  });
});
