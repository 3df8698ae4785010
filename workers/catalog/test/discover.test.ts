import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { LISTING_VERSION_KEY } from '@linked-all/cache';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetail, ProductList, Suggestions } from '../contract';
import { countProductViews } from '../src/discover/product-views';
import { countConfirmedPurchases } from '../src/recommendations/count-purchases';
import { call, P, seedCatalog, VENDOR_A } from './fixtures';
import { seedConfirmedOrder } from './seed-purchase';

// Discovery (issues 16/17): views counted into "viewed also viewed", popularity in ranking,
// synonyms an admin edits, brands in suggest. Real D1, KV and the product-views queue.

const POP = { aa: 'prd_kettlebellaa', zz: 'prd_kettlebellzz' };
const session = (n: number) => n.toString(16).padStart(32, '0');

beforeAll(async () => {
  await seedCatalog(env.DB);
  // Two products alike in every way a search sees (title, category, country, stock): only their
  // ids differ, and without popularity the tie goes to the smaller id (aa).
  const insert = env.DB.prepare(
    `INSERT INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                           min_price, max_price, in_stock, version, created_at, updated_at)
     VALUES (?, ?, 'cat_phones', '/electronics/phones/', 'NG', 'Iron Kettlebell 12kg', '', 'active', 'NGN', 900000, 900000, 1, 1, 1, 1)`,
  );
  await env.DB.batch([insert.bind(POP.aa, VENDOR_A), insert.bind(POP.zz, VENDOR_A)]);
});

async function json<T>(path: string): Promise<T> {
  const response = await call(path);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json() as Promise<T>;
}
const ids = (list: { items: { id: string }[] }) => list.items.map((p) => p.id);

async function coViews(productId: string) {
  const { results } = await env.DB.prepare('SELECT other_id, n FROM co_views WHERE product_id = ? ORDER BY other_id')
    .bind(productId)
    .all();
  return results;
}

describe('viewed also viewed', () => {
  it('counts a view once per session through the queue, however often the page is reloaded or the message redelivered', async () => {
    const views = [
      { productId: P.samsung, session: session(1) },
      { productId: POP.aa, session: session(1) },
      { productId: P.samsung, session: session(1) }, // a reload
      { productId: POP.zz, session: session(1) },
      { productId: P.samsung, session: session(2) },
      { productId: POP.zz, session: session(2) },
    ];
    for (const view of views) expect(await exports.default.recordView(view)).toEqual({ queued: true });
    // A malformed view (a raw cookie instead of its hash) is never queued.
    expect(await exports.default.recordView({ productId: P.samsung, session: 'la_rt=secret' })).toEqual({ queued: false });

    await expect
      .poll(async () => (await env.DB.prepare('SELECT count(*) AS n FROM product_views').first<{ n: number }>())?.n, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(5);
    const expected = [
      { other_id: POP.aa, n: 1 },
      { other_id: POP.zz, n: 2 },
    ];
    await expect.poll(() => coViews(P.samsung), { timeout: 5_000 }).toEqual(expected);
    expect(await coViews(POP.zz)).toEqual([
      { other_id: POP.aa, n: 1 },
      { other_id: P.samsung, n: 2 },
    ]);

    // The same messages again (a redelivery after a lost ack): nothing more is counted.
    await countProductViews(env.DB, views);
    expect(await coViews(P.samsung)).toEqual(expected);
  }, 40_000);

  it('shows the most co-viewed first on the product page, and nothing when no one viewed anything with it', async () => {
    const page = await json<ProductDetail>(`/v1/products/${P.samsung}`);
    expect(page.alsoViewed?.map((p) => p.id)).toEqual([POP.zz, POP.aa]);
    const lonely = await json<ProductDetail>(`/v1/products/${P.tecno}`);
    expect(lonely.alsoViewed).toEqual([]);
    // The page's fallback strip is still there.
    expect(lonely.boughtTogether.length).toBeGreaterThan(0);
  });
});

describe('popularity in ranking', () => {
  it('ranks the product that sells above its equal, from the counted orders', async () => {
    for (let i = 0; i < 3; i++) await seedConfirmedOrder(`usr_kettle${i}`, VENDOR_A, [POP.zz]);
    await countConfirmedPurchases(env);
    const sales = await env.DB.prepare('SELECT id, sales, popularity > 0 AS popular FROM products WHERE id IN (?, ?) ORDER BY id')
      .bind(POP.aa, POP.zz)
      .all();
    expect(sales.results).toEqual([
      { id: POP.aa, sales: 0, popular: 0 },
      { id: POP.zz, sales: 3, popular: 1 },
    ]);
    expect(ids(await json<ProductList>('/v1/products?q=kettlebell&shopperCountry=NG'))).toEqual([POP.zz, POP.aa]);
  });
});

describe('synonyms an admin edits', () => {
  it('adds a group that search uses at once, audited, and removes it', async () => {
    const before = await json<ProductList>('/v1/products?q=dumbbellish');
    expect(before.total).toBe(0);
    const version = await env.CACHE.get(LISTING_VERSION_KEY);

    expect(
      await exports.default.adminAddSynonyms({ term: 'Dumbbellish', synonyms: ['kettlebell'], twoWay: true }, 'usr_admin1'),
    ).toEqual({ ok: true });
    expect(await env.CACHE.get(LISTING_VERSION_KEY)).not.toBe(version);
    expect(ids(await json<ProductList>('/v1/products?q=dumbbellish'))).toEqual(expect.arrayContaining([POP.aa, POP.zz]));
    const { items } = await exports.default.adminSynonyms();
    expect(items).toContainEqual({ term: 'dumbbellish', synonyms: ['kettlebell'] });
    expect(items).toContainEqual({ term: 'kettlebell', synonyms: ['dumbbellish'] });
    const audit = await env.DB.prepare(
      "SELECT actor, action, target FROM admin_audit WHERE target = 'synonym:dumbbellish'",
    ).all();
    expect(audit.results).toEqual([{ actor: 'usr_admin1', action: 'synonym.add', target: 'synonym:dumbbellish' }]);

    expect(await exports.default.adminRemoveSynonyms('dumbbellish', 'usr_admin1')).toEqual({ removed: true });
    expect((await json<ProductList>('/v1/products?q=dumbbellish')).total).toBe(0);
    expect(await exports.default.adminRemoveSynonyms('dumbbellish', 'usr_admin1')).toEqual({ removed: false });
    const removals = await env.DB.prepare("SELECT count(*) AS n FROM admin_audit WHERE action = 'synonym.remove'").first();
    expect(removals).toEqual({ n: 1 });
  });

  it('refuses a group whose words are not search words', async () => {
    expect(await exports.default.adminAddSynonyms({ term: 'two words', synonyms: ['x'] }, 'usr_admin1')).toEqual({
      ok: false,
      fields: ['term', 'synonyms.0'],
    });
  });
});

describe('suggest', () => {
  async function suggest(q: string) {
    const response = await call(`/v1/search/suggest?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(2048);
    return JSON.parse(text) as Suggestions;
  }

  it('completes brands from a prefix and from a misspelling, once each', async () => {
    expect((await suggest('sams')).brands).toEqual([{ name: 'Samsung' }]);
    expect((await suggest('samsng')).brands).toEqual([{ name: 'Samsung' }]);
    expect((await suggest('tecn')).brands).toEqual([{ name: 'Tecno' }]);
  });

  it('offers no brand no active product carries', async () => {
    expect((await suggest('lattaf')).brands).toEqual([]);
  });
});

describe('capped counts', () => {
  it('says when a search counted fewer than it found', async () => {
    const list = await json<ProductList>('/v1/products?q=phone');
    expect(list.totalCapped).toBe(false);
    expect(list.total).toBeGreaterThan(0);
  });
});
