import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryNode, ProductDetail } from '../contract';
import { call, P, problem, seedCatalog, VENDOR_A } from './fixtures';

type Listing = {
  items: {
    id: string;
    title: string;
    price: { amount: number; currency: string; formatted: string };
    inStock: boolean;
    image: unknown;
  }[];
  nextCursor: string | null;
  facets: {
    categories: { slug: string; count: number }[];
    priceBands: { currency: string; min: number; max: number | null; count: number }[];
  };
};

beforeAll(() => seedCatalog(env.DB));

async function list(query: string): Promise<Listing> {
  const response = await call(`/v1/products${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('GET /v1/products', () => {
  it('lists only active products of active shops, newest first', async () => {
    const body = await list('');
    expect(body.items.map((p) => p.id)).toEqual([P.dress, P.case, P.tecno, P.samsung]);
    expect(body.nextCursor).toBeNull();
  });

  it('shows prices in minor units with per-currency formatting (XOF has no decimals)', async () => {
    const body = await list('');
    const dress = body.items.find((p) => p.id === P.dress);
    const samsung = body.items.find((p) => p.id === P.samsung);
    expect(dress?.price).toMatchObject({ amount: 15000, currency: 'XOF' });
    expect(dress?.price.formatted).toMatch(/15\s?000/);
    expect(dress?.price.formatted).not.toMatch(/[.,]00\b/);
    expect(samsung?.price).toMatchObject({ amount: 18500000, currency: 'NGN' });
    expect(samsung?.price.formatted).toMatch(/185,000\.00/);
  });

  it('filters by category subtree, country, price range and stock', async () => {
    expect((await list('?category=phones')).items.map((p) => p.id)).toEqual([P.case, P.tecno, P.samsung]);
    expect((await list('?category=phone-accessories')).items.map((p) => p.id)).toEqual([P.case]);
    expect((await list('?country=CI')).items.map((p) => p.id)).toEqual([P.dress]);
    expect((await list('?currency=NGN&minPrice=1000000&maxPrice=20000000')).items.map((p) => p.id)).toEqual([P.samsung]);
    expect((await list('?category=phones&inStock=true')).items.map((p) => p.id)).toEqual([P.case, P.samsung]);
    expect((await list(`?vendor=${VENDOR_A}&sort=price_asc`)).items.map((p) => p.id)).toEqual([P.case, P.samsung, P.tecno]);
  });

  it('sorts by price both ways', async () => {
    expect((await list('?country=NG&sort=price_desc')).items.map((p) => p.id)).toEqual([P.tecno, P.samsung, P.case]);
  });

  it('sorts a category subtree by price across its categories, page by page, without the draft or the suspended shop', async () => {
    // "phones" holds two phones and, in its child category, a case: each category's rows are
    // walked in their own price order, then merged.
    for (const [sort, expected] of [
      ['price_asc', [P.case, P.samsung, P.tecno]],
      ['price_desc', [P.tecno, P.samsung, P.case]],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Listing = await list(`?category=phones&limit=1&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    expect((await list('?category=phones&sort=price_asc&inStock=true')).items.map((p) => p.id)).toEqual([P.case, P.samsung]);
    expect((await list('?category=phones&sort=price_desc&country=CI')).items).toEqual([]);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Listing = await list(`?limit=1&sort=price_asc${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBe(1);
      seen.push(page.items[0].id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([P.dress, P.case, P.samsung, P.tecno]);
  });

  it('finds "phone" when searching "phones" (stemming), and ranks title matches first', async () => {
    const body = await list('?q=phones');
    expect(body.items.map((p) => p.id)).toContain(P.tecno);
    expect(body.items.map((p) => p.id)).toContain(P.case);
    expect(body.items.map((p) => p.id)).not.toContain(P.draft);
  });

  it('treats the last word as a prefix: "samsu" finds Samsung', async () => {
    expect((await list('?q=samsu')).items.map((p) => p.id)).toEqual([P.samsung]);
  });

  it('ignores FTS syntax typed by a shopper instead of failing', async () => {
    const body = await list(`?q=${encodeURIComponent('phone")*(:^')}`);
    expect(body.items.length).toBeGreaterThan(0);
  });

  it('counts facets by category and price band per currency', async () => {
    const body = await list('');
    expect(body.facets.categories).toEqual(
      expect.arrayContaining([
        { slug: 'phones', name: 'Phones', count: 2 },
        { slug: 'phone-accessories', name: 'Phone accessories', count: 1 },
        { slug: 'fashion', name: 'Fashion', count: 1 },
      ]),
    );
    const ngn = body.facets.priceBands.filter((b) => b.currency === 'NGN');
    expect(ngn.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(body.facets.priceBands.find((b) => b.currency === 'XOF')).toMatchObject({ min: 12000, max: 45000, count: 1 });
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=abc', 'limit'],
    ['?minPrice=-5', 'minPrice'],
    ['?minPrice=500&maxPrice=100', 'minPrice'],
    ['?sort=cheapest', 'sort'],
    ['?country=FR', 'country'],
    ['?colour=red', '(root)'],
    ['?cursor=not-a-cursor', 'cursor'],
    ['?sort=relevance', 'sort'],
    [`?q=${'x'.repeat(101)}`, 'q'],
    ['?q=%20%2A%22', 'q'],
  ])('answers 400 problem+json naming the field for %s', async (query, path) => {
    const body = await problem(await call(`/v1/products${query}`), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 404 for an unknown category', async () => {
    await problem(await call('/v1/products?category=spaceships'), 404, 'not_found');
  });

  it('refuses a cursor from another sort order', async () => {
    const page: Listing = await list('?limit=1&sort=price_asc');
    await problem(await call(`/v1/products?limit=1&sort=newest&cursor=${page.nextCursor}`), 400, 'validation_failed');
  });
});

describe('GET /v1/products/:id', () => {
  it('returns SKUs with options, prices, stock, images in several widths and the vendor', async () => {
    const response = await call(`/v1/products/${P.samsung}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/public/);
    const body = (await response.json()) as ProductDetail;
    expect(body).toMatchObject({
      id: P.samsung,
      title: 'Samsung Galaxy A15 128GB',
      inStock: true,
      vendor: { id: VENDOR_A, name: 'Lagos Gadgets', country: 'NG', city: 'Lagos' },
      categoryPath: [
        { slug: 'electronics', name: 'Electronics' },
        { slug: 'phones', name: 'Phones' },
      ],
    });
    expect(body.skus).toEqual([
      expect.objectContaining({ code: 'A15-128-BLK', options: { storage: '128GB', colour: 'Black' }, available: 5 }),
      expect.objectContaining({ code: 'A15-128-BLU', available: 0, price: expect.objectContaining({ amount: 19900000 }) }),
    ]);
    expect(body.images[0].srcset).toBe(
      [160, 320, 640].map((w) => `/v1/images/products/${P.samsung}/img_samsung.webp?w=${w} ${w}w`).join(', '),
    );
    expect(body.images[0].src).toBe(`/v1/images/products/${P.samsung}/img_samsung.webp?w=320`);
  });

  it.each([
    ['a draft', P.draft],
    ["a suspended shop's product", P.hidden],
    ['an unknown product', 'prd_doesnotexist'],
  ])('answers 404 for %s', async (_, id) => {
    await problem(await call(`/v1/products/${id}`), 404, 'not_found');
  });

  it('answers 400 for a malformed id', async () => {
    const body = await problem(await call('/v1/products/DROP%20TABLE'), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'id' })]);
  });
});

describe('GET /v1/categories, /v1/vendors/:id, /v1/search/suggest', () => {
  it('returns the category tree with subtree product counts', async () => {
    const body = (await (await call('/v1/categories')).json()) as { items: CategoryNode[] };
    const electronics = body.items.find((c) => c.slug === 'electronics') as CategoryNode;
    // Two phones and one accessory; the draft and the suspended shop's phone do not count.
    expect(electronics.productCount).toBe(3);
    expect(electronics.children[0]).toMatchObject({
      slug: 'phones',
      children: [expect.objectContaining({ slug: 'phone-accessories', productCount: 1 })],
    });
  });

  it("returns a shop's profile and hides suspended shops", async () => {
    const body = (await (await call(`/v1/vendors/${VENDOR_A}`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: VENDOR_A, name: 'Lagos Gadgets', productCount: 3, currency: 'NGN' });
    await problem(await call('/v1/vendors/vnd_suspendedshop'), 404, 'not_found');
  });

  it('suggests at most 10 titles by prefix, in under 2 KB', async () => {
    const response = await call('/v1/search/suggest?q=sam');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      items: [{ id: P.samsung, title: 'Samsung Galaxy A15 128GB' }],
      categories: [],
      brands: [{ name: 'Samsung' }],
      correctedQuery: null,
    });
    expect(new TextEncoder().encode(text).length).toBeLessThan(2048);
    await problem(await call('/v1/search/suggest'), 400, 'validation_failed');
  });
});

describe('the error model', () => {
  it('answers unknown routes with a 404 problem', async () => {
    await problem(await call('/v1/nothing-here'), 404, 'route_not_found');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await call('/v1/categories', { method: 'DELETE' });
    await problem(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toContain('GET');
  });

  it('echoes the request id and continues the caller trace', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await call('/v1/categories', { headers: { 'x-request-id': 'req-from-gateway-1', traceparent } });
    expect(response.headers.get('x-request-id')).toBe('req-from-gateway-1');
    expect(response.headers.get('traceparent')).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
  });
});
