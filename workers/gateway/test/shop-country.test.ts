import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog } from '../../catalog/test/seed-catalog';
import { browser, redirected } from './page-browser';

beforeAll(() => seedCatalog(env.CATALOG_DB));

describe('the shopper’s country', () => {
  it('is taken from Cloudflare on a first visit: listings show that country’s offers, with a way to all', async () => {
    const b = browser({ 'cf-ipcountry': 'NG', 'accept-language': 'en' });
    const html = await (await b.open('/c/phones')).text();
    expect(html).toContain('Samsung Galaxy A15 128GB');
    expect(html).toContain('Offers from Nigeria, in its currency.');
    expect(html).toContain('<a href="/c/phones?country=all">Show all countries</a>');
    expect(html).toContain('<a href="/country">Nigeria</a>');
  });

  it('leaves out other countries’ offers until the shopper asks for all', async () => {
    const b = browser({ 'cf-ipcountry': 'CI', 'accept-language': 'en' });
    expect(await (await b.open('/c/phones')).text()).not.toContain('Samsung Galaxy A15 128GB');
    expect(await (await b.open('/c/phones?country=all')).text()).toContain('Samsung Galaxy A15 128GB');
  });

  it('is changed in the header’s country page and remembered in a cookie', async () => {
    const b = browser({ 'cf-ipcountry': 'NG', 'accept-language': 'en' });
    const page = await (await b.open('/country?back=/c/phones')).text();
    expect(page).toContain('<button type="submit" name="country" value="GH" aria-pressed="false">Ghana</button>');
    redirected(await b.post('/settings/country', { country: 'GH', back: '/c/phones' }), '/c/phones');
    expect(b.jar.get('la_country')).toBe('GH');
    expect(await (await b.open('/c/phones')).text()).toContain('Offers from Ghana, in its currency.');
  });

  it('refuses at add time an item that cannot be delivered to the country, with the reason', async () => {
    const b = browser({ 'accept-language': 'en' });
    redirected(await b.post('/settings/country', { country: 'KE', back: '/' }), '/');
    const refused = await b.post('/cart/items', { productId: P.samsung, skuId: 'sku_samsung128blk', quantity: '1' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('This item ships from Nigeria and cannot be delivered to Kenya.');
  });
});
