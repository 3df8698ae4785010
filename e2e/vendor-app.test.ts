// The vendor app in a real headless Chromium against the real multi-worker dev stack, on a phone
// screen: with JavaScript off a vendor signs in, accepts an order, marks it ready and edits stock;
// with JavaScript on, the network is cut, the vendor changes stock and accepts two orders (one of
// them cancelled by its shopper meanwhile), the network returns, the outbox replays once — and a
// second replay of the same writes on purpose still changes nothing — and the conflict is shown.
// Never lets a tool download a browser: it uses the system Chromium (`apt-get install -y chromium`).

// Playwright routes service worker requests only with this switch; the offline step needs it
// (context.setOffline alone does not cut a service worker's own fetches).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Json, until } from './client';
import { type Stack, sharedStack } from './stack';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const BUDGET = 14 * 1024;

if (!HAVE_CHROMIUM) {
  console.warn(`\n  SKIPPING the vendor app browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);
}

describe.skipIf(!HAVE_CHROMIUM)('the vendor app in Chromium', { timeout: 240_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sizes: Record<string, number> = {};

  beforeAll(async () => {
    stack = await sharedStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    console.log('vendor screens, gzip bytes:', sizes);
  });

  const { ok, login, newShopper } = client(() => stack.baseUrl);

  /** Opens a vendor screen and records its compressed size (HTML with its inline CSS). */
  async function open(page: Page, path: string, name: string) {
    const response = await page.goto(`${stack.baseUrl}${path}`);
    expect(response?.status(), path).toBe(200);
    const body = await response?.body();
    sizes[name] = gzipSync(body ?? Buffer.alloc(0)).length;
    expect(sizes[name], name).toBeLessThanOrEqual(BUDGET);
  }

  async function signIn(context: BrowserContext) {
    const page = await context.newPage();
    await open(page, '/vendor/signin', 'signin');
    await page.getByLabel('E-mail or phone number').fill('vendor1@demo.test');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/vendor$/);
    return page;
  }

  it('runs a shop with JavaScript off, then offline with an outbox that replays exactly once', async () => {
    const [shopper, vendor] = await Promise.all([newShopper('vendor-app').then((s) => s.token), login('vendor1@demo.test')]);
    const shop = stack.manifest.vendors.filter((v) => v.status === 'active')[0];
    const listing = await ok(`/v1/products?vendor=${shop.id}&inStock=true&sort=price_asc&limit=5`);
    const productId = String(((listing.items as Json[])[0] as Json).id);
    const product = await ok(`/v1/products/${productId}`);
    const sku = (product.skus as { id: string; available: number }[]).find((s) => s.available >= 4);
    expect(sku, 'an SKU with stock for three orders').toBeDefined();
    const skuId = String(sku?.id);
    const station = ((await ok(`/v1/pickup-stations?country=${shop.country}`)).items as Json[])[0] as Json;

    /** A confirmed pay-on-delivery order of one unit, and its vendor order. */
    const buy = async (key: string) => {
      const cart = await ok('/v1/carts', { method: 'POST', token: shopper });
      await ok(`/v1/carts/${String(cart.id)}/items`, { method: 'POST', token: shopper, json: { skuId, quantity: 1 } });
      const started = await ok('/v1/checkout', {
        method: 'POST',
        token: shopper,
        headers: { 'idempotency-key': key },
        json: { cartId: cart.id, pickupStationId: station.id, payment: { method: 'pay_on_delivery', country: shop.country } },
      });
      const orderId = String(started.orderId);
      const order = await until(async () => {
        const o = await ok(`/v1/orders/${orderId}`, { token: shopper });
        return o.status === 'confirmed' ? o : undefined;
      }, 'the order to be confirmed');
      return { orderId, vendorOrderId: String(((order.vendorOrders as Json[])[0] as Json).id) };
    };
    const first = await buy(`vendor-e2e-a-${Date.now()}`);
    const second = await buy(`vendor-e2e-b-${Date.now()}`);
    const third = await buy(`vendor-e2e-c-${Date.now()}`);
    const vendorOrder = async (id: string) => String((await ok(`/v1/vendor/orders/${id}`, { token: vendor })).status);
    const onHand = async () => Number((await ok(`/v1/vendor/skus/${skuId}/stock`, { token: vendor })).onHand);

    // ---- JavaScript off ----
    const plain = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    contexts.push(plain);
    const page = await signIn(plain);
    expect(await page.locator('h2', { hasText: 'New orders to accept' }).count()).toBe(1);
    expect(await page.locator(`a[href="/vendor/orders/${first.vendorOrderId}"]`).count()).toBe(1);
    await open(page, `/vendor/orders/${first.vendorOrderId}`, 'order');
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.locator('[role=status]', { hasText: 'Order accepted.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Packed: ready for pickup' }).click();
    await expect.poll(() => page.locator('[role=status]', { hasText: 'Marked ready for pickup.' }).count()).toBe(1);
    expect(await vendorOrder(first.vendorOrderId)).toBe('ready');
    await open(page, `/vendor/orders/${first.vendorOrderId}?print=1`, 'slip');
    await open(page, '/vendor', 'today');
    await open(page, '/vendor/orders', 'orders');
    await open(page, '/vendor/products', 'products');
    await open(page, '/vendor/money', 'money');
    await open(page, '/vendor/settings', 'settings');

    const before = await onHand();
    await open(page, `/vendor/products/${productId}`, 'product');
    const row = page.locator('li', { has: page.locator(`form[action="/vendor/stock/${skuId}"]`) });
    await row.getByRole('button', { name: 'Add one' }).click();
    await expect.poll(() => page.locator('[role=status]', { hasText: 'Stock saved.' }).count()).toBe(1);
    expect(await onHand()).toBe(before + 1);

    // ---- JavaScript on, then offline ----
    const app = await browser.newContext({ ...PHONE });
    contexts.push(app);
    const phone = await signIn(app);
    // Browser-side code as strings: this project type-checks for Node, without the DOM library.
    await phone.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 15_000 });
    // The screens seen while online are the ones the service worker can show offline. The third
    // order is seen while new; then its shopper cancels it, so accepting it offline must come back
    // as a conflict. (Cancelling returns its unit to stock: the product screen is seen after it.)
    await phone.goto(`${stack.baseUrl}/vendor/orders/${third.vendorOrderId}`);
    await ok(`/v1/orders/${third.orderId}/cancel`, { method: 'POST', token: shopper });
    await until(async () => ((await vendorOrder(third.vendorOrderId)) === 'cancelled' ? true : undefined), 'the cancellation');
    await phone.goto(`${stack.baseUrl}/vendor/orders/${second.vendorOrderId}`);
    await phone.goto(`${stack.baseUrl}/vendor/products/${productId}`);
    const baseline = await onHand();
    const offlineWorker = (route: Route) =>
      route.request().serviceWorker() ? route.abort('internetdisconnected') : route.continue();
    await app.setOffline(true);
    await app.route('**', offlineWorker);

    const stockRow = phone.locator('li', { has: phone.locator(`form[action="/vendor/stock/${skuId}"]`) });
    await stockRow.getByRole('button', { name: 'Add one' }).click();
    await phone.waitForURL(/queued=1/);
    await phone.goto(`${stack.baseUrl}/vendor/orders/${second.vendorOrderId}`);
    await phone.getByRole('button', { name: 'Accept' }).click();
    await phone.waitForURL(/queued=1/);
    await phone.goto(`${stack.baseUrl}/vendor/orders/${third.vendorOrderId}`);
    await phone.getByRole('button', { name: 'Accept' }).click();
    await phone.waitForURL(/queued=1/);
    await expect.poll(() => phone.locator('#outbox').textContent()).toContain('3 changes waiting to sync');
    // Nothing reached the server while offline.
    expect(await vendorOrder(second.vendorOrderId)).toBe('pending');
    expect(await onHand()).toBe(baseline);
    // What the outbox holds, to send again on purpose after it synced.
    const queued: { url: string; entries: [string, string][] }[] = await phone.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('la-vendor-outbox');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const read = open.result.transaction('queue').objectStore('queue').getAll();
        read.onsuccess = () => resolve(read.result);
      };
    })`);
    expect(queued.map((q) => new URL(q.url).pathname)).toEqual([
      `/vendor/stock/${skuId}`,
      `/vendor/orders/${second.vendorOrderId}/accept`,
      `/vendor/orders/${third.vendorOrderId}/accept`,
    ]);

    // ---- Back online: the outbox replays in order ----
    await app.unroute('**', offlineWorker);
    await app.setOffline(false);
    await phone.goto(`${stack.baseUrl}/vendor/orders/${second.vendorOrderId}`);
    await expect.poll(() => phone.locator('#outbox').textContent(), { timeout: 30_000 }).toContain('Not synced');
    const outbox = String(await phone.locator('#outbox').textContent());
    expect(outbox).toContain('This order has moved on (it is now: Cancelled).');
    expect(outbox).not.toContain('waiting to sync');
    expect(await vendorOrder(second.vendorOrderId)).toBe('accepted');
    expect(await vendorOrder(third.vendorOrderId)).toBe('cancelled');
    expect(await onHand()).toBe(baseline + 1);

    // ---- The same writes replayed again on purpose: the server still shows one change ----
    const again = await phone.evaluate(
      async (items) => {
        const answers: number[] = [];
        for (const item of items) {
          const body = new FormData();
          for (const [name, value] of item.entries) body.append(name, value);
          const res = await fetch(item.url, { method: 'POST', body, headers: { 'x-outbox': '1' } });
          answers.push(res.status);
        }
        return answers;
      },
      queued.slice(0, 2),
    );
    expect(again).toEqual([200, 200]);
    expect(await vendorOrder(second.vendorOrderId)).toBe('accepted');
    expect(await onHand()).toBe(baseline + 1);

    // The conflict stays until the vendor dismisses it.
    await phone.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => phone.locator('#outbox').textContent()).not.toContain('Not synced');
  });

  it('serves an installable manifest and a service worker allowed to control /vendor', async () => {
    const manifest = await fetch(`${stack.baseUrl}/vendor/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(await manifest.json()).toMatchObject({ start_url: '/vendor', display: 'standalone' });
    const worker = await fetch(`${stack.baseUrl}/vendor/sw.js`);
    expect(worker.headers.get('service-worker-allowed')).toBe('/vendor');
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    const icon = await fetch(`${stack.baseUrl}/vendor/icon-512.png`);
    expect(icon.headers.get('content-type')).toBe('image/png');
  });
});
