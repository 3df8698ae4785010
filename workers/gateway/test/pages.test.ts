import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog } from '../../catalog/test/seed-catalog';
import { get } from './helpers';

beforeAll(() => seedCatalog(env.CATALOG_DB));

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe('shopper pages', () => {
  it.each([
    ['home', '/', 'Samsung Galaxy A15 128GB'],
    ['category', '/c/phones', 'Tecno Spark 20 Pro'],
    ['product', `/p/${P.samsung}`, 'Samsung Galaxy A15 128GB'],
    ['search', '/search?q=samsu', 'Samsung Galaxy A15 128GB'],
  ])('renders the %s page as HTML within one round trip (≤ 14 KB gzip)', async (_, path, text) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('vary')).toContain('Save-Data');
    const html = await response.text();
    expect(html).toContain(text);
    expect(await gzipSize(html)).toBeLessThanOrEqual(14 * 1024);
  });

  it.each(['/p/prd_doesnotexist', '/c/spaceships'])('answers %s with a 404 HTML page', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('shows no <img> with Save-Data: on', async () => {
    const html = await (await get(`/p/${P.samsung}`, { headers: { 'save-data': 'on' } })).text();
    expect(html).not.toContain('<img');
    expect(html).toContain('/v1/images/');
  });

  it('shows a product page built from fresh data after its version changes', async () => {
    expect(await (await get(`/p/${P.case}`)).text()).toContain('Shockproof case');
    await env.CATALOG_DB.prepare("UPDATE products SET title = 'Armoured case' WHERE id = ?").bind(P.case).run();
    // Until the change event bumps the version, the cached page data stands…
    expect(await (await get(`/p/${P.case}`)).text()).toContain('Shockproof case');
    // …and once it is bumped, nothing built from the old data is served.
    await env.CACHE.put(`ver:product:${P.case}`, 'evt-after-rename');
    expect(await (await get(`/p/${P.case}`)).text()).toContain('Armoured case');
  });
});
