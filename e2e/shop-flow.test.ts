// The whole purchase in a real headless Chromium against the real multi-worker dev stack,
// the way a shopper on a cheap phone does it: 360×740, JavaScript off, plain forms only.
// Uses the system Chromium (Debian: `apt-get install -y chromium`); never downloads one.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, sharedStack } from './stack';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const BUDGET = 14 * 1024;
const SCREENSHOTS = '/tmp/linked-all-shop-360x740';
const DEMO_SHOPPER = { email: 'shopper1@demo.test', password: 'demo-password' };
// Pay-on-delivery limits per currency as payments seeds them (migrations/payments/0003_checkout.sql):
// the test picks a product a single unit of which is within its country's limit.
const COD = {
  NGN: ['NG', 20_000_000],
  KES: ['KE', 3_000_000],
  GHS: ['GH', 300_000],
  ZAR: ['ZA', 500_000],
  EGP: ['EG', 1_000_000],
  XOF: ['CI', 200_000],
} as const;

type ProductDetail = {
  id: string;
  title: string;
  skus: { id: string; price: { amount: number; currency: keyof typeof COD }; available: number }[];
};

if (!HAVE_CHROMIUM)
  console.warn(`\nSKIPPING the shop-flow browser test: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);

describe.skipIf(!HAVE_CHROMIUM)('a shopper buys with JavaScript off on a 360×740 phone', { timeout: 120_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  const sizes: Record<string, number> = {};

  beforeAll(async () => {
    stack = await sharedStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: false,
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    console.info(
      `gzip(HTML + CSS) per page, budget ${BUDGET} B:\n${Object.entries(sizes)
        .map(([n, s]) => `  ${n}: ${s} B`)
        .join('\n')}`,
    );
  }, 60_000);

  /** The document a navigation ended on: HTML, within budget, its size recorded. */
  async function checkDocument(response: Response | null, name: string, status = 200) {
    expect(response, name).not.toBeNull();
    const r = response as Response;
    expect(r.status(), `${name}: ${r.url()}`).toBe(status);
    expect(r.headers()['content-type']).toMatch(/^text\/html; charset=utf-8$/i);
    const body = await r.body();
    sizes[name] = gzipSync(body).length;
    expect(sizes[name], `${name}: gzip(HTML + inline CSS)`).toBeLessThanOrEqual(BUDGET);
    // Nothing wider than the phone: no sideways scrolling on a 360 px screen.
    const page = r.frame().page();
    expect(await page.locator('html').evaluate((html) => html.scrollWidth), `${name}: page width`).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOTS}-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
    return r;
  }

  /** Clicks something that submits a form or follows a link, and checks the page it lands on. */
  async function go(page: Page, click: () => Promise<void>, name: string) {
    const [response] = await Promise.all([page.waitForNavigation(), click()]);
    return checkDocument(response, name);
  }

  /**
   * An in-stock option that fits pay on delivery in its country, preferably of a product with
   * several options (so the shopper picks one with a radio button).
   */
  async function productToBuy(): Promise<{ product: ProductDetail; sku: ProductDetail['skus'][number]; country: string }> {
    const soldOut = new Set(stack.manifest.outOfStockProductIds);
    let fallback: Awaited<ReturnType<typeof productToBuy>> | undefined;
    for (const id of stack.manifest.activeProductIds.filter((p) => !soldOut.has(p)).slice(0, 60)) {
      const product = (await (await fetch(`${stack.baseUrl}/v1/products/${id}`)).json()) as ProductDetail;
      for (const sku of product.skus) {
        const cod = COD[sku.price.currency];
        if (!cod || sku.available <= 0 || sku.price.amount > cod[1]) continue;
        if (product.skus.length > 1) return { product, sku, country: cod[0] };
        fallback ??= { product, sku, country: cod[0] };
      }
    }
    if (!fallback) throw new Error('no seeded product fits pay on delivery');
    return fallback;
  }

  it('signs in, adds to cart, checks out with pay on delivery and sees the order confirmed', async () => {
    const { product, sku, country } = await productToBuy();
    const page = await context.newPage();

    // 1. Product page: choose the option, add to cart (a plain POST, then 303 to the cart).
    await checkDocument(await page.goto(`${stack.baseUrl}/p/${product.id}`), 'product');
    const radio = page.locator(`input[type="radio"][name="skuId"][value="${sku.id}"]`);
    if (product.skus.length > 1) await radio.check();
    await go(page, () => page.click('form[action="/cart/items"] button[type="submit"]'), 'cart (guest)');
    expect(new URL(page.url()).pathname).toBe('/cart');
    expect(await page.textContent('main')).toContain('Added to your cart.');
    expect(await page.textContent('main')).toContain(product.title);
    const cartCookie = (await context.cookies()).find((c) => c.name === 'la_cart');
    expect(cartCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // 2. Checkout asks a guest to sign in, then comes back with the guest cart merged.
    await go(page, () => page.click('main a[href="/checkout"]'), 'sign in');
    expect(page.url()).toContain('/signin?next=%2Fcheckout');
    await page.fill('input[name="identifier"]', DEMO_SHOPPER.email);
    await page.fill('input[name="password"]', DEMO_SHOPPER.password);
    await go(page, () => page.click('main button[type="submit"]'), 'checkout');
    expect(new URL(page.url()).pathname).toBe('/checkout');
    expect(await page.textContent('main')).toContain(product.title);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'la_at')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'la_rt')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // 3. A delivery address, added in the page's own form (a <details>, opened by a tap).
    if ((await page.locator('input[name="addressId"]').count()) === 0) {
      if (!(await page.locator('details[open]').count())) await page.click('details summary');
      await page.fill('input[name="landmark"]', 'Green kiosk opposite the bus stop');
      await page.fill('input[name="city"]', 'Capital');
      await page.selectOption('select[name="country"]', country);
      await go(page, () => page.click('form[action="/checkout/address"] button[type="submit"]'), 'checkout (address added)');
    }
    await page.locator('input[name="addressId"]').first().check();
    await page.check('input[name="method"][value="pay_on_delivery"]');

    // 4. Place the order: 303 to its status page, which refreshes itself until it settles.
    await go(page, () => page.click('form[action="/checkout"] button[type="submit"]'), 'order (placed)');
    expect(new URL(page.url()).pathname).toMatch(/^\/orders\/ord_[0-9a-z]+$/);
    const orderUrl = page.url();
    const status = page.locator('[data-status]');
    await expect.poll(async () => status.getAttribute('data-status'), { timeout: 30_000, interval: 500 }).toBe('confirmed');
    await checkDocument(await page.goto(orderUrl), 'order (confirmed)');
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await page.textContent('main')).toContain('Payment: Pay on delivery');
    expect(await page.textContent('main')).toContain(product.title);

    // 5. The cart emptied, and the order is in my list.
    await checkDocument(await page.goto(`${stack.baseUrl}/cart`), 'cart (after order)');
    await expect
      .poll(async () => {
        await page.goto(`${stack.baseUrl}/cart`);
        return page.textContent('main');
      })
      .toContain('Your cart is empty.');
    await checkDocument(await page.goto(`${stack.baseUrl}/orders`), 'orders');
    expect(await page.locator(`a[href="${new URL(orderUrl).pathname}"]`).count()).toBe(1);
  });
});
