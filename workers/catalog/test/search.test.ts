import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductList, Suggestions } from '../contract';
import { call, P, problem, seedCatalog, VENDOR_A } from './fixtures';

beforeAll(() => seedCatalog(env.DB));

async function search(query: string): Promise<ProductList> {
  const response = await call(`/v1/products?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}
const ids = (list: ProductList) => list.items.map((p) => p.id);

describe('search that forgives', () => {
  it('corrects a misspelt word and says what it searched for', async () => {
    const body = await search('q=samsng');
    expect(ids(body)).toEqual([P.samsung]);
    expect(body.search).toEqual({ mode: 'all', correctedQuery: 'samsung' });
    expect(body.total).toBe(1);
  });

  it('matches a word against the category a product is in: "phone case" finds the case', async () => {
    const body = await search('q=phone+case');
    expect(ids(body)[0]).toBe(P.case);
    expect(body.search?.mode).toBe('all');
  });

  it('falls back to any word when not every word matches, and says so', async () => {
    const body = await search('q=tecno+charger');
    expect(ids(body)).toEqual([P.tecno]);
    expect(body.search).toEqual({ mode: 'any', correctedQuery: null });
  });

  it('finds a product by a synonym of its words ("cellphone" → phones)', async () => {
    const body = await search('q=cellphone');
    expect(ids(body)).toEqual(expect.arrayContaining([P.samsung, P.tecno]));
  });

  it('searches descriptions only when no title or category matches', async () => {
    const body = await search('q=battery');
    expect(ids(body)).toEqual([P.samsung]);
    expect(body.search?.mode).toBe('all_text');
  });

  it("ranks the shopper's country first without hiding the others", async () => {
    expect(ids(await search('q=ankara+samsung&shopperCountry=CI'))).toEqual([P.dress, P.samsung]);
    expect(ids(await search('q=ankara+samsung&shopperCountry=NG'))).toEqual([P.samsung, P.dress]);
  });

  it('counts every match, not only the page', async () => {
    const body = await search('q=phone&limit=1');
    expect(body.items).toHaveLength(1);
    expect(body.total).toBeGreaterThanOrEqual(3);
    const next = await search(`q=phone&limit=1&cursor=${body.nextCursor}`);
    expect(ids(next)).not.toContain(body.items[0].id);
  });

  it("brings a corrected word's synonyms, whether or not the typo is in its first two letters", async () => {
    await env.DB.prepare("INSERT INTO search_synonyms (term, synonym) VALUES ('accessories', 'galaxy')").run();
    for (const typo of ['acessories', 'cacessories']) {
      const body = await search(`q=${typo}`);
      expect(body.search?.correctedQuery).toBe('accessories');
      expect(ids(body)).toEqual(expect.arrayContaining([P.case, P.samsung]));
    }
  });

  it('puts first the category where most titles with the word are, when no word names a category', async () => {
    // Two long charger titles with "spark" against one short phone title: bm25 alone favours the phone.
    const charger = env.DB.prepare(
      `INSERT INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                             min_price, max_price, in_stock, version, created_at, updated_at)
       VALUES (?, ?, 'cat_accessories', '/electronics/phones/phone-accessories/', 'NG', ?, '', 'active', 'NGN',
               500000, 500000, 0, 1, ?, ?)`,
    );
    const at = Date.parse('2026-11-02T08:00:00Z');
    await env.DB.batch([
      charger.bind('prd_sparkcharger1', VENDOR_A, 'Fast wall charger for Spark and Camon phones 18W', at, at),
      charger.bind('prd_sparkcharger2', VENDOR_A, 'Car charger with cable for Spark and Pop phones', at, at),
    ]);
    const body = await search('q=spark');
    expect(ids(body)).toHaveLength(3);
    expect(ids(body).slice(0, 2).sort()).toEqual(['prd_sparkcharger1', 'prd_sparkcharger2']);
    expect(ids(body)[2]).toBe(P.tecno);
  });

  it('counts at most 1,000 matches and says there are more', async () => {
    const kettle = env.DB.prepare(
      `INSERT INTO products (id, vendor_id, category_id, category_path, country, title, description, status, currency,
                             min_price, max_price, in_stock, version, created_at, updated_at)
       VALUES (?, ?, 'cat_electronics', '/electronics/', 'NG', ?, '', 'active', 'NGN', 900000, 900000, 1, 1, ?, ?)`,
    );
    const at = Date.parse('2026-11-03T08:00:00Z');
    await env.DB.batch(
      Array.from({ length: 1001 }, (_, n) =>
        kettle.bind(`prd_kettle${n}`, VENDOR_A, `Electric kettle model ${n}`, at + n, at + n),
      ),
    );
    const many = await search('q=kettle');
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    const fewer = await search('q=kettle+model+1000');
    expect(fewer).toMatchObject({ total: 1, totalCapped: false });
  });

  it('refuses a shopper country that is not a country', async () => {
    await problem(await call('/v1/products?q=phone&shopperCountry=XX'), 400, 'validation_failed');
  });
});

describe('suggest', () => {
  it('completes a misspelt word', async () => {
    const body = (await (await call('/v1/search/suggest?q=samsng')).json()) as Suggestions;
    expect(body.items.map((i) => i.id)).toEqual([P.samsung]);
    expect(body.correctedQuery).toBe('samsung');
  });

  it('offers categories whose name completes the query', async () => {
    const body = (await (await call('/v1/search/suggest?q=pho')).json()) as Suggestions;
    expect(body.categories.map((c) => c.slug)).toEqual(expect.arrayContaining(['phones', 'phone-accessories']));
  });
});
