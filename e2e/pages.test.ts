// Shopper pages in a real headless Chromium against the real multi-worker dev
// stack, the way a shopper on a cheap phone meets them: 360×740, JavaScript
// off, and with `Save-Data: on`. Never lets a tool download a browser: it uses
// the system Chromium (Debian: `apt-get install -y chromium`).
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
  type Response,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from './stack';

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
/** One round trip: HTML with its inline CSS, gzip-compressed. */
const BUDGET = 14 * 1024;
const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const SCREENSHOT = '/tmp/linked-all-product-360x740.png';

if (!HAVE_CHROMIUM) {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n  SKIPPING the browser tests of the shopper pages: ${CHROMIUM} is missing.\n` +
      `  Install it (Debian): apt-get update && apt-get install -y --no-install-recommends chromium\n${bar}\n`,
  );
}

const isImageRequest = (url: string, type: string) => type === 'image' || url.includes('/v1/images/');

describe.skipIf(!HAVE_CHROMIUM)('shopper pages in Chromium (360×740, JavaScript off)', { timeout: 60_000 }, () => {
  let stack: Awaited<ReturnType<typeof sharedStack>>;
  let browser: Browser;
  const sizes: Record<string, number> = {};
  const contexts: BrowserContext[] = [];

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false, ...options });
    contexts.push(context);
    return context.newPage();
  }

  /** Opens a page, checks it is HTML within budget, and records its compressed size. */
  async function open(page: Page, path: string, name: string, status = 200): Promise<Response> {
    const response = await page.goto(`${stack.baseUrl}${path}`);
    expect(response, path).not.toBeNull();
    return checkDocument(response as Response, name, status);
  }

  async function checkDocument(response: Response, name: string, status = 200): Promise<Response> {
    expect(response.status(), response.url()).toBe(status);
    expect(response.headers()['content-type']).toMatch(/^text\/html; charset=utf-8$/i);
    const body = await response.body();
    // A body still gzip-compressed after the browser decoded it was compressed twice
    // (hono/compress on Workers, where the runtime compresses as well).
    const doubleGzip = body[0] === 0x1f && body[1] === 0x8b;
    expect(doubleGzip, `${response.url()} arrived gzip-compressed twice`).toBe(false);
    expect(body.subarray(0, 15).toString('utf8').toLowerCase()).toBe('<!doctype html>');
    sizes[name] = gzipSync(body).length;
    expect(sizes[name], `${name}: gzip(HTML + inline CSS)`).toBeLessThanOrEqual(BUDGET);
    return response;
  }

  async function firstText(page: Page, selector: string): Promise<string> {
    const text = await page.locator(selector).first().textContent();
    return (text ?? '').trim();
  }

  beforeAll(async () => {
    stack = await sharedStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    console.info(
      `gzip(HTML + CSS) per page, budget ${BUDGET} B:\n${Object.entries(sizes)
        .map(([name, size]) => `  ${name}: ${size} B`)
        .join('\n')}`,
    );
  }, 60_000);

  it('home shows categories and new products with prices, within 14 KB', async () => {
    const page = await newPage();
    const response = await open(page, '/', 'home');
    expect(response.headers()['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(response.headers().vary).toMatch(/Save-Data, Cookie/);
    await expect.poll(() => page.locator('main h1').isVisible()).toBe(true);
    expect(await page.locator('.tiles a').count()).toBeGreaterThan(0);
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    expect(await page.locator('.card h3 a').first().isVisible()).toBe(true);
    expect(await firstText(page, '.card .price')).toMatch(/\d/);
  });

  it('browses by links without JS: home → category → product', async () => {
    const page = await newPage();
    await open(page, '/', 'home');
    const tile = page.locator('.tiles a').first();
    const tileName = ((await tile.evaluate((a) => a.firstChild?.textContent)) ?? '').trim();
    const [categoryResponse] = await Promise.all([page.waitForNavigation(), tile.click()]);
    await checkDocument(categoryResponse as Response, 'category');
    expect(page.url()).toMatch(/\/c\/[a-z0-9-]+$/);
    expect(await firstText(page, 'main h1')).toBe(tileName);
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    expect(await firstText(page, '.card .price')).toMatch(/\d/);

    const card = page.locator('.card h3 a').first();
    const title = ((await card.textContent()) ?? '').trim();
    const [productResponse] = await Promise.all([page.waitForNavigation(), card.click()]);
    await checkDocument(productResponse as Response, 'product');
    expect(page.url()).toMatch(/\/p\/prd_[0-9a-z]+$/);
    expect(await firstText(page, 'main h1')).toBe(title);
    expect(await page.locator('main .price').first().isVisible()).toBe(true);
    expect(await firstText(page, 'main .price')).toMatch(/\d/);
    expect(await page.locator('nav[aria-label="Breadcrumb"] a[href="/"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).toMatch(/In stock|Only \d+ left|Out of stock/);
  });

  it('filters and pages a category with a plain GET form and links', async () => {
    const page = await newPage();
    await open(page, '/', 'home');
    const href = await page.locator('.tiles a').first().getAttribute('href');
    await open(page, href as string, 'category');
    await page.locator('.filters summary').click();
    await page.selectOption('select[name="sort"]', 'price_asc');
    await page.check('input[name="inStock"]');
    const [filtered] = await Promise.all([page.waitForNavigation(), page.click('.filters button[type="submit"]')]);
    await checkDocument(filtered as Response, 'category, filtered');
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('price_asc');
    expect(url.searchParams.get('inStock')).toBe('1');
    expect(await page.locator('select[name="sort"]').inputValue()).toBe('price_asc');
    expect(await page.locator('.card .out').count()).toBe(0);

    const next = page.locator('a[rel="next"]');
    if ((await next.count()) > 0) {
      const before = await firstText(page, '.card h3 a');
      const [nextResponse] = await Promise.all([page.waitForNavigation(), next.click()]);
      await checkDocument(nextResponse as Response, 'category, page 2');
      expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
      expect(new URL(page.url()).searchParams.get('sort')).toBe('price_asc');
      expect(await firstText(page, '.card h3 a')).not.toBe(before);
    }
  });

  it('searches with the header form without JS', async () => {
    const page = await newPage();
    await open(page, '/', 'home');
    const title = await firstText(page, '.card h3 a');
    const word = (title.match(/[\p{L}\p{N}]{3,}/u) ?? [title])[0];
    await page.fill('#q', word);
    const [response] = await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
    await checkDocument(response as Response, 'search');
    expect(new URL(page.url()).pathname).toBe('/search');
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    expect(await firstText(page, 'main h1')).toContain(word);
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    expect(await firstText(page, '.card .price')).toMatch(/\d/);
    expect(await page.inputValue('#q')).toBe(word);
  });

  it('answers odd requests with friendly pages, never a stack trace', async () => {
    const page = await newPage();
    for (const [path, status, text] of [
      ['/search?q=', 200, 'Type what you are looking for'],
      [`/search?q=${'x'.repeat(150)}`, 200, 'too long'],
      ['/search?q=qqqzzzxxxwww', 200, 'No results for'],
      ['/p/prd_doesnotexist00000000', 404, 'We could not find that page'],
      ['/p/not-an-id', 404, 'We could not find that page'],
      ['/c/no-such-category', 404, 'We could not find that page'],
      ['/c/no-such-category?sort=bogus', 404, 'We could not find that page'],
    ] as const) {
      await open(page, path, `odd: ${path.slice(0, 40)}`, status);
      const body = (await page.textContent('main')) ?? '';
      expect(body, path).toContain(text);
      expect(body, path).not.toMatch(/\bat \S+ \(|Error:/);
    }
    await open(page, '/', 'home');
    const href = await page.locator('.tiles a').first().getAttribute('href');
    await open(page, `${href}?sort=bogus&price=zzz&country=ZZ&cursor=%21%21`, 'category, invalid query');
    expect(await page.locator('.note').count()).toBeGreaterThan(0);
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
  });

  it('with Save-Data: on, requests no image at all on any page', async () => {
    const page = await newPage({ extraHTTPHeaders: { 'Save-Data': 'on' } });
    const images: string[] = [];
    page.on('request', (request) => {
      if (isImageRequest(request.url(), request.resourceType())) images.push(request.url());
    });
    await open(page, '/', 'home, data saver');
    const href = await page.locator('.tiles a').first().getAttribute('href');
    await open(page, href as string, 'category, data saver');
    const placeholders = await page.locator('a.ph').count();
    const productHref = await page.locator('.card h3 a').first().getAttribute('href');
    await open(page, productHref as string, 'product, data saver');
    const word = ((await firstText(page, 'main h1')).match(/[\p{L}\p{N}]{3,}/u) ?? ['phone'])[0];
    await open(page, `/search?q=${encodeURIComponent(word)}`, 'search, data saver');
    await page.waitForLoadState('networkidle');
    expect(images).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    // Seeded products have photos: each stands in as a link to its image.
    expect(placeholders).toBeGreaterThan(0);
  });

  it('turns data saver on and off with a form button, without JS', async () => {
    const page = await newPage();
    await open(page, '/', 'home');
    const href = await page.locator('.tiles a').first().getAttribute('href');
    await open(page, href as string, 'category');
    const images: string[] = [];
    page.on('request', (request) => {
      if (isImageRequest(request.url(), request.resourceType())) images.push(request.url());
    });
    await Promise.all([page.waitForNavigation(), page.click('footer button')]);
    expect(new URL(page.url()).pathname).toBe(href);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('a.ph').count()).toBeGreaterThan(0);
    expect(images).toEqual([]);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'saveData')?.value).toBe('1');
    await Promise.all([page.waitForNavigation(), page.click('footer button')]);
    expect(await page.locator('img').count()).toBeGreaterThan(0);
  });

  it('with JS on, loads only the images near the top, and a data-saver tap loads one image', async () => {
    // Chromium loads lazy images eagerly when scripting is off, so this one runs with JS.
    const page = await newPage({ javaScriptEnabled: true });
    const images: string[] = [];
    page.on('request', (request) => {
      if (isImageRequest(request.url(), request.resourceType())) images.push(request.url());
    });
    await open(page, '/', 'home');
    const href = await page.locator('.tiles a').first().getAttribute('href');
    images.length = 0;
    await open(page, href as string, 'category');
    await page.waitForLoadState('networkidle');
    const cards = await page.locator('.card img').count();
    expect(images.length).toBeGreaterThan(0);
    if (cards > 8) expect(images.length).toBeLessThan(cards);

    const saver = await newPage({ javaScriptEnabled: true, extraHTTPHeaders: { 'Save-Data': 'on' } });
    const tapped: string[] = [];
    saver.on('request', (request) => {
      if (isImageRequest(request.url(), request.resourceType())) tapped.push(request.url());
    });
    await open(saver, href as string, 'category, data saver');
    await saver.waitForLoadState('networkidle');
    expect(tapped).toEqual([]);
    await saver.locator('a.ph').first().tap();
    await expect.poll(() => saver.locator('.card img').count()).toBe(1);
    expect(new URL(saver.url()).pathname).toBe(href);
    await expect.poll(() => tapped.length).toBe(1);
  });

  it('looks decent on a 360×740 phone (screenshot of a product page)', async () => {
    const page = await newPage();
    await open(page, '/', 'home');
    const href = await page.locator('.card h3 a').first().getAttribute('href');
    await open(page, href as string, 'product');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: SCREENSHOT });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
  });
});
