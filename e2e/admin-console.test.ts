// The operators' console in a real headless Chromium with JavaScript OFF against the real
// multi-worker dev stack (one start): an admin approves a vendor application, hides a product (it
// leaves search at once), finds an order by the shopper's phone and refunds ONE of its vendor
// orders with a reason (ledger balanced, audit row present), and opens the dead letters; a shopper
// gets 403. Replay idempotence (processed once when replayed twice) is proven at worker level
// (workers/catalog/test/dead-letters.test.ts): the dev stack has no way to dead-letter a message
// on demand. Uses the system Chromium (`apt-get install -y chromium`), never a downloaded one.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundDemoWallets } from '../scripts/lib/demo-wallets.mjs';
import { client, type Json, until } from './client';
import { type Stack, sharedStack } from './stack';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const BUDGET = 14 * 1024;

if (!HAVE_CHROMIUM)
  console.warn(`\n  SKIPPING the admin console browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);

describe.skipIf(!HAVE_CHROMIUM)('the admin console in Chromium, JavaScript off', { timeout: 300_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let console_: Page;
  let adminToken: string;
  const contexts: BrowserContext[] = [];
  const sizes: Record<string, number> = {};

  const { api, ok, login, newShopper } = client(() => stack.baseUrl);

  /** A browser with JavaScript off, signed in with `token` (the pages' HttpOnly session cookie). */
  async function signedIn(token: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    await context.addCookies([{ name: 'la_at', value: token, url: stack.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    return context.newPage();
  }

  /** Opens a console screen, checks it is a 200 within the budget, records its size. */
  async function open(page: Page, path: string, name: string) {
    const response = await page.goto(`${stack.baseUrl}${path}`);
    expect(response?.status(), path).toBe(200);
    const bytes = gzipSync((await response?.text()) ?? '').byteLength;
    sizes[name] = bytes;
    expect(bytes, `${name} gzip`).toBeLessThanOrEqual(BUDGET);
  }

  /** Submits a form and waits for the page it leads to (Post/Redirect/Get). */
  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForNavigation(), page.click(button)]);
  }

  beforeAll(async () => {
    stack = await sharedStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    adminToken = await login('admin@demo.test');
    console_ = await signedIn(adminToken);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    console.log('console screens, gzip bytes:', sizes);
  });

  it('approves a vendor application', async () => {
    const phone = `+2547${String(Date.now()).slice(-8)}`;
    const owner = await ok('/v1/auth/register', {
      method: 'POST',
      json: { phone, password: 'a-long-enough-password', name: 'Wanjiru Applicant' },
    });
    const applied = await ok('/v1/vendors', {
      method: 'POST',
      token: String(owner.accessToken),
      json: { businessName: 'Console E2E Crafts', country: 'KE', currency: 'KES', payoutPhone: phone },
    });
    const vendorId = String(applied.id);
    await open(console_, '/admin/vendors', 'vendors');
    expect(await console_.textContent(`tr[id="${vendorId}"]`)).toContain('Console E2E Crafts');
    await submit(console_, `tr[id="${vendorId}"] form[action^="/admin/vendors/${vendorId}/approve"] button`);
    expect(await console_.textContent('[role=status]')).toContain('Vendor approved.');
    const approved = await ok('/v1/admin/vendors?status=approved&limit=100', { token: adminToken });
    expect((approved.items as { id: string }[]).map((v) => v.id)).toContain(vendorId);
  });

  it('hides a product with a reason: it leaves search at once', async () => {
    await open(console_, '/admin/products?queue=new', 'products');
    const productId = String(await console_.getAttribute('main tbody tr', 'id'));
    const product = await ok(`/v1/products/${productId}`);
    const query = `/v1/products?q=${encodeURIComponent(String(product.title))}&limit=50`;
    // Anonymous: this answer is cached (KV and edge) until the product's versions move.
    const ids = async () => ((await ok(query)).items as { id: string }[]).map((p) => p.id);
    expect(await ids()).toContain(productId);
    expect(await ids()).toContain(productId);
    await console_.fill(`tr[id="${productId}"] form[action*="/hide"] input[name="reason"]`, 'Counterfeit listing');
    await submit(console_, `tr[id="${productId}"] form[action*="/hide"] button`);
    expect(await console_.textContent('[role=status]')).toContain('Product hidden');
    expect(await ids()).not.toContain(productId);
    expect((await api(`/v1/products/${productId}`)).status).toBe(404);
  });

  it('finds an order by phone and refunds one vendor order with a reason: ledger balanced, audit row present', async () => {
    const buyer = await newShopper('console');
    const shopper = buyer.token;
    await fundDemoWallets(stack.baseUrl, {
      shoppers: [buyer],
      funding: [{ currency: 'KES', provider: 'mpesa', amount: 50_000_00 }],
    });
    // The sandbox approves at once but credits through the provider's signed callback and the
    // payment-callbacks queue: check out only once the money is in the wallet.
    await until(
      async () => {
        const wallet = await ok('/v1/wallet', { token: shopper });
        const kes = (wallet.balances as { currency: string; balance: number }[]).find((b) => b.currency === 'KES');
        return kes && kes.balance >= 50_000_00 ? kes : undefined;
      },
      'the top-up to reach the wallet',
      60_000,
    );
    // Two Kenyan shops in one cart: one order, two vendor orders.
    const kenyan = stack.manifest.vendors.filter((v) => v.status === 'active' && v.country === 'KE');
    const cart = await ok('/v1/carts', { method: 'POST', token: shopper });
    let shops = 0;
    for (const shop of kenyan) {
      const listing = await ok(`/v1/products?vendor=${shop.id}&inStock=true&sort=price_asc&limit=5`);
      const first = (listing.items as Json[])[0];
      if (!first) continue;
      const detail = await ok(`/v1/products/${String(first.id)}`);
      const sku = (detail.skus as { id: string; available: number }[]).find((s) => s.available >= 1);
      if (!sku) continue;
      await ok(`/v1/carts/${String(cart.id)}/items`, { method: 'POST', token: shopper, json: { skuId: sku.id, quantity: 1 } });
      if (++shops === 2) break;
    }
    expect(shops).toBe(2);
    const station = ((await ok('/v1/pickup-stations?country=KE')).items as { id: string }[])[0];
    const started = await ok('/v1/checkout', {
      method: 'POST',
      token: shopper,
      headers: { 'idempotency-key': `e2e-admin-${Date.now()}` },
      json: { cartId: cart.id, pickupStationId: station?.id, payment: { method: 'wallet' } },
    });
    const orderId = String(started.orderId);
    const order = await until(
      async () => {
        const o = await ok(`/v1/orders/${orderId}`, { token: shopper });
        if (o.status === 'cancelled') throw new Error(`order cancelled: ${JSON.stringify(o.cancellation)}`);
        return o.status === 'confirmed' ? o : undefined;
      },
      'the order to be confirmed',
      60_000,
    );
    const [kept, refunded] = order.vendorOrders as { id: string }[];
    const walletBefore = await ok('/v1/wallet', { token: shopper });

    await open(console_, '/admin/orders', 'orders');
    await console_.fill('input[name="q"]', buyer.phone);
    await submit(console_, 'form[action="/admin/orders"] button');
    await submit(console_, `a[href="/admin/orders/${orderId}"]`);
    await open(console_, `/admin/orders/${orderId}`, 'order');
    expect(await console_.textContent('main')).toContain('→ confirmed');
    await console_.fill(`tr[id="${refunded?.id}"] input[name="reason"]`, 'Shop cannot deliver this week');
    await submit(console_, `tr[id="${refunded?.id}"] button`);
    expect(await console_.textContent('[role=status]')).toContain('Vendor order refunded.');
    expect(await console_.textContent(`tr[id="${refunded?.id}"]`)).toContain('refunded');
    expect(await console_.textContent(`tr[id="${kept?.id}"]`)).not.toContain('refunded');

    const balance = await ok('/v1/admin/ledger/trial-balance', { token: adminToken });
    expect(balance.balanced).toBe(true);
    const walletAfter = await ok('/v1/wallet', { token: shopper });
    expect(JSON.stringify(walletAfter)).not.toBe(JSON.stringify(walletBefore));
    await open(console_, `/admin/audit?target=${refunded?.id}`, 'audit');
    const audit = await console_.textContent('main tbody');
    expect(audit).toContain('vendor_order.cancel');
    expect(audit).toContain('Shop cannot deliver this week');
  });

  it('shows the dead letters, and refuses every screen to a shopper', async () => {
    await open(console_, '/admin/dead-letters', 'dead-letters');
    expect(await console_.textContent('main')).toMatch(/No dead letters|Messages/);
    const shopper = await signedIn(await login('shopper2@demo.test'));
    for (const path of ['/admin/vendors', '/admin/products', '/admin/orders', '/admin/dead-letters', '/admin/audit']) {
      const response = await shopper.goto(`${stack.baseUrl}${path}`);
      expect(response?.status(), path).toBe(403);
    }
  });
});
