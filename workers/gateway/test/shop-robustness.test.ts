import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog } from '../../catalog/test/seed-catalog';
import { get } from './helpers';
import { browser, redirected } from './page-browser';

beforeAll(() => seedCatalog(env.CATALOG_DB));

const isHtml = (response: Response) => expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');

describe('what a browser finds off the beaten path', () => {
  it.each(['/sell', '/robots', '/a/b/c', '/cart/nothing'])('answers the unknown path %s with the 404 page', async (path) => {
    const response = await get(path, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    isHtml(response);
    expect(await response.text()).toContain('We could not find that page');
  });

  it('answers a browser form posted to an unknown path with the 404 page too', async () => {
    const response = await browser().post('/sell', { name: 'x' });
    expect(response.status).toBe(404);
    isHtml(response);
  });

  it('answers an API client that strays outside /v1 with problem+json, not a page', async () => {
    const response = await get('/etc/passwd', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps problem+json for the API', async () => {
    const response = await get('/v1/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    ['/cart/items', '/cart'],
    ['/cart/items/sku_samsung128blk', '/cart'],
    ['/cart/items/sku_samsung128blk/remove', '/cart'],
    ['/checkout/address', '/checkout'],
    ['/orders/ord_01jc8x3k4m5n6p7q8r9s0t1v2w/approve', '/orders/ord_01jc8x3k4m5n6p7q8r9s0t1v2w'],
    ['/settings/save-data', '/'],
    ['/wallet/topups', '/wallet'],
    ['/signin/forgot/reset', '/signin/forgot'],
    ['/account/addresses/adr_01jc8x3k4m5n6p7q8r9s0t1v2w/default', '/account'],
  ])('sends a GET on the form-only URL %s back to its form', async (path, form) => {
    redirected(await get(path, { redirect: 'manual' }), form);
  });

  it('has a robots.txt that keeps private pages out and names the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('Disallow: /checkout');
    expect(text).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap\.xml$/m);
  });

  it('has a sitemap of the home page, the categories with products and the products', async () => {
    const response = await get('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/c\/phones<\/loc>/);
    expect(xml).toContain(`/p/${P.samsung}</loc>`);
  });
});

describe('a form sent twice', () => {
  it('adds to the cart once for a double-tapped add-to-cart form', async () => {
    const b = browser();
    const product = await (await b.open(`/p/${P.samsung}`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(product)?.[1];
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const fields = { productId: P.samsung, skuId: 'sku_samsung128blk', quantity: '1', formToken: token ?? '' };
    redirected(await b.post('/cart/items', fields), '/cart');
    redirected(await b.post('/cart/items', fields), '/cart');
    const cart = await (await b.open('/cart')).text();
    expect(cart).toMatch(/name="quantity" value="1"/);
  });
});

describe('the shopper’s language', () => {
  it('follows Accept-Language, with lang, Content-Language and French words', async () => {
    const response = await get('/', { headers: { 'accept-language': 'fr-CI,fr;q=0.9,en;q=0.5' } });
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
    expect(html).toContain('Acheter par catégorie');
    expect(response.headers.get('content-language')).toBe('fr');
    expect(response.headers.get('vary')).toContain('Accept-Language');
  });

  it('switches to Arabic (right to left) with ?lang=ar and remembers it', async () => {
    const b = browser({ 'accept-language': 'en' });
    const first = await (await b.open('/?lang=ar')).text();
    expect(first).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(b.jar.get('la_lang')).toBe('ar');
    const next = await (await b.open(`/p/${P.samsung}`)).text();
    expect(next).toMatch(/<html lang="ar" dir="rtl">/);
    expect(next).toContain('أضف إلى السلة');
  });

  it('falls back to the country’s language, and shows the 404 page in it', async () => {
    const response = await get('/nowhere', { headers: { 'cf-ipcountry': 'CI', accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Nous n’avons pas trouvé cette page');
  });
});
