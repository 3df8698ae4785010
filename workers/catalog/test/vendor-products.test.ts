import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetail } from '../contract';
import { call, P, problem, seedCatalog, shopperToken, VENDOR_A, VENDOR_B, VENDOR_SUSPENDED, vendorToken } from './fixtures';

let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  await seedCatalog(env.DB);
  tokenA = await vendorToken(VENDOR_A);
  tokenB = await vendorToken(VENDOR_B);
});

const newProduct = {
  title: 'Infinix Hot 40i',
  description: 'Dual SIM, 128GB',
  category: 'phones',
  status: 'active',
  skus: [
    { code: 'HOT40-GRN', options: { colour: 'Green' }, price: 12500000, available: 7 },
    { code: 'HOT40-BLK', options: { colour: 'Black' }, price: 12900000, available: 0 },
  ],
};

async function outboxTypes(): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT type FROM outbox ORDER BY id').all<{ type: string }>();
  return results.map((r) => r.type);
}

describe('POST /v1/vendor/products', () => {
  it("creates a product in the vendor's currency, visible publicly, with a product.created event", async () => {
    const before = (await outboxTypes()).length;
    const response = await call('/v1/vendor/products', { method: 'POST', token: tokenA, json: newProduct });
    expect(response.status).toBe(201);
    const created = (await response.json()) as ProductDetail;
    expect(created).toMatchObject({
      title: 'Infinix Hot 40i',
      status: 'active',
      price: { amount: 12500000, currency: 'NGN' },
      maxPrice: { amount: 12900000, currency: 'NGN' },
      inStock: true,
      vendor: { id: VENDOR_A },
      version: 1,
    });
    expect(created.id).toMatch(/^prd_/);
    expect((await outboxTypes()).slice(before)).toEqual(['product.created']);
    const event = await env.DB.prepare('SELECT body FROM outbox WHERE type = ? ORDER BY id DESC')
      .bind('product.created')
      .first<{ body: string }>();
    expect(JSON.parse(event?.body ?? '{}')).toMatchObject({
      type: 'product.created',
      version: 1,
      data: { productId: created.id, vendorId: VENDOR_A, categoryId: 'cat_phones', status: 'active' },
    });
    const publicView = await call(`/v1/products/${created.id}`);
    expect(publicView.status).toBe(200);
  });

  it('answers 401 without a token and 403 for a shopper', async () => {
    await problem(await call('/v1/vendor/products', { method: 'POST', json: newProduct }), 401, 'unauthenticated');
    await problem(
      await call('/v1/vendor/products', { method: 'POST', token: await shopperToken(), json: newProduct }),
      403,
      'forbidden',
    );
  });

  it('answers 401 for a tampered token', async () => {
    const [h, p, s] = tokenA.split('.');
    const forged = `${h}.${btoa(JSON.stringify({ ...JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/'))), vendorId: VENDOR_B })).replace(/=+$/, '')}.${s}`;
    await problem(await call('/v1/vendor/products', { method: 'POST', token: forged, json: newProduct }), 401, 'invalid_token');
  });

  it.each([
    ['an unknown field', { ...newProduct, featured: true }, '(root)'],
    ['a float price', { ...newProduct, skus: [{ code: 'X', price: 99.5 }] }, 'skus.0.price'],
    ['a price as a string', { ...newProduct, skus: [{ code: 'X', price: '100' }] }, 'skus.0.price'],
    ['no SKUs', { ...newProduct, skus: [] }, 'skus'],
    ['duplicate SKU codes', { ...newProduct, skus: [newProduct.skus[0], newProduct.skus[0]] }, 'skus'],
    ['a one-letter title', { ...newProduct, title: 'X' }, 'title'],
    ['an unknown category', { ...newProduct, category: 'spaceships' }, 'category'],
  ])('answers 400 problem+json for %s', async (_, json, path) => {
    const body = await problem(
      await call('/v1/vendor/products', { method: 'POST', token: tokenA, json }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body and 413 for a huge body', async () => {
    const headers = { 'content-type': 'application/json' };
    await problem(
      await call('/v1/vendor/products', { method: 'POST', token: tokenA, headers, body: '{"title": ' }),
      400,
      'malformed_json',
    );
    await problem(
      await call('/v1/vendor/products', { method: 'POST', token: tokenA, headers: { 'content-type': 'text/plain' }, body: 'hi' }),
      415,
      'unsupported_media_type',
    );
    const huge = JSON.stringify({ ...newProduct, description: 'x'.repeat(70_000) });
    await problem(
      await call('/v1/vendor/products', { method: 'POST', token: tokenA, headers, body: huge }),
      413,
      'payload_too_large',
    );
  });

  it('creates once when the offline PWA replays the same Idempotency-Key, and refuses the key for another body', async () => {
    const headers = { 'idempotency-key': 'pwa-queue-0001-create' };
    const first = await call('/v1/vendor/products', {
      method: 'POST',
      token: tokenA,
      headers,
      json: { ...newProduct, title: 'Replay phone' },
    });
    const replay = await call('/v1/vendor/products', {
      method: 'POST',
      token: tokenA,
      headers,
      json: { ...newProduct, title: 'Replay phone' },
    });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM products WHERE title = 'Replay phone'").first<{ n: number }>();
    expect(count?.n).toBe(1);
    await problem(
      await call('/v1/vendor/products', {
        method: 'POST',
        token: tokenA,
        headers,
        json: { ...newProduct, title: 'Other phone' },
      }),
      409,
      'idempotency_conflict',
    );
  });
});

describe('changing a product', () => {
  it('updates fields, bumps the version and emits product.updated', async () => {
    const response = await call(`/v1/vendor/products/${P.samsung}`, {
      method: 'PATCH',
      token: tokenA,
      json: { title: 'Samsung Galaxy A15 (2026)' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ title: 'Samsung Galaxy A15 (2026)', version: 2 });
    expect((await outboxTypes()).at(-1)).toBe('product.updated');
  });

  it('changes a price and emits product.price_changed with old and new price', async () => {
    const response = await call(`/v1/vendor/products/${P.case}/skus/sku_case/price`, {
      method: 'PUT',
      token: tokenA,
      json: { price: 399900 },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ price: { amount: 399900, currency: 'NGN' } });
    const row = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'product.price_changed' ORDER BY id DESC").first<{
      body: string;
    }>();
    expect(JSON.parse(row?.body ?? '{}').data).toMatchObject({
      productId: P.case,
      skuId: 'sku_case',
      oldPrice: 450000,
      newPrice: 399900,
    });
  });

  it('adds and removes SKUs, keeping the price range right, but never removes the last one', async () => {
    const added = await call(`/v1/vendor/products/${P.tecno}/skus`, {
      method: 'POST',
      token: tokenA,
      json: { code: 'SPARK20-256', price: 25000000, options: { storage: '256GB' } },
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ maxPrice: { amount: 25000000 } });
    await problem(
      await call(`/v1/vendor/products/${P.tecno}/skus`, {
        method: 'POST',
        token: tokenA,
        json: { code: 'SPARK20-256', price: 1 },
      }),
      409,
      'conflict',
    );
    const removed = await call(`/v1/vendor/products/${P.tecno}/skus/sku_tecno`, { method: 'DELETE', token: tokenA });
    expect(await removed.json()).toMatchObject({
      price: { amount: 25000000 },
      skus: [expect.objectContaining({ code: 'SPARK20-256' })],
    });
    const [last] = (
      (await (await call(`/v1/vendor/products/${P.tecno}`, { token: tokenA })).json()) as { skus: { id: string }[] }
    ).skus;
    await problem(
      await call(`/v1/vendor/products/${P.tecno}/skus/${last.id}`, { method: 'DELETE', token: tokenA }),
      409,
      'conflict',
    );
  });

  it('archives a product: it leaves the public catalog but stays in the vendor list', async () => {
    const response = await call(`/v1/vendor/products/${P.samsung}`, { method: 'DELETE', token: tokenA });
    expect(await response.json()).toMatchObject({ status: 'archived' });
    await problem(await call(`/v1/products/${P.samsung}`), 404, 'not_found');
    const mine = (await (await call('/v1/vendor/products?status=archived', { token: tokenA })).json()) as {
      items: { id: string }[];
    };
    expect(mine.items.map((p) => p.id)).toContain(P.samsung);
  });

  it('shows the vendor its own drafts', async () => {
    const response = await call(`/v1/vendor/products/${P.draft}`, { token: tokenA });
    expect(await response.json()).toMatchObject({ id: P.draft, status: 'draft' });
  });
});

describe("a vendor cannot touch another vendor's products", () => {
  it.each([
    ['read', `/v1/vendor/products/${P.dress}`, 'GET', undefined],
    ['update', `/v1/vendor/products/${P.dress}`, 'PATCH', { title: 'Stolen dress' }],
    ['archive', `/v1/vendor/products/${P.dress}`, 'DELETE', undefined],
    ['reprice', `/v1/vendor/products/${P.dress}/skus/sku_dressl/price`, 'PUT', { price: 1 }],
    ['add a SKU to', `/v1/vendor/products/${P.dress}/skus`, 'POST', { code: 'EVIL', price: 1 }],
    ['remove a SKU of', `/v1/vendor/products/${P.dress}/skus/sku_dressl`, 'DELETE', undefined],
  ])('answers 404 (not 403) when vendor A tries to %s vendor B’s product', async (_, path, method, json) => {
    await problem(await call(path, { method, token: tokenA, json }), 404, 'not_found');
  });

  it("leaves vendor B's product unchanged", async () => {
    const dress = await env.DB.prepare('SELECT title, status FROM products WHERE id = ?').bind(P.dress).first();
    expect(dress).toEqual({ title: 'Robe en wax Ankara', status: 'active' });
    const prices = await env.DB.prepare('SELECT price FROM skus WHERE product_id = ? ORDER BY position').bind(P.dress).all();
    expect(prices.results).toEqual([{ price: 15000 }, { price: 25000 }]);
  });

  it("never lists another vendor's products in /v1/vendor/products", async () => {
    const mine = (await (await call('/v1/vendor/products', { token: tokenB })).json()) as { items: { id: string }[] };
    expect(mine.items.map((p) => p.id)).toEqual([P.dress]);
  });
});

describe('the shop guard on the catalog vendor routes', () => {
  it("answers 403 to a suspended shop's token on every vendor route, reads included", async () => {
    const token = await vendorToken(VENDOR_SUSPENDED);
    const list = await problem(await call('/v1/vendor/products', { token }), 403, 'forbidden');
    expect(list.detail).toBe('Vendor actions are closed: your shop is suspended');
    await problem(await call(`/v1/vendor/products/${P.hidden}`, { token }), 403, 'forbidden');
  });
});

describe('searching my own products', () => {
  it('matches every word of the title, only among my products, wildcards taken literally', async () => {
    const list = async (q: string, token = tokenA) => {
      const response = await call(`/v1/vendor/products?q=${encodeURIComponent(q)}`, { token });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { id: string; title: string }[] }).items.map((p) => p.title);
    };
    const titles = await list('samsung');
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => /samsung/i.test(t))).toBe(true);
    expect(await list('samsung zzzznotaword')).toEqual([]);
    expect(await list('%')).toEqual([]);
    expect(await list('samsung', tokenB)).toEqual([]);
    const tooLong = await call(`/v1/vendor/products?q=${'x'.repeat(101)}`, { token: tokenA });
    await problem(tooLong, 400, 'validation_failed');
  });
});
