// Proof of the metrics path (issue 15): a scripted burst of known traffic through the gateway and
// the real services, then the console's own reader (the local sink in tests, as in `pnpm dev`)
// and the /admin dashboard must show the figures the script sent.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { d1Reader } from '@linked-all/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../catalog/test/seed-catalog';
import { eventually, get } from './helpers';

const SHOPPER = { id: 'usr_metricsshopper', phone: '+2348100000901' };
const LISTING_READS = 40;
const MISSING_PAGES = 10;
const CHECKOUTS = 2;

let since = 0;

/** The local sink every worker writes (wrangler.toml's METRICS_DB, the same local database for all). */
function metricsDb(): D1Database {
  if (!env.METRICS_DB) throw new Error('the gateway has no METRICS_DB binding');
  return env.METRICS_DB;
}
let token = '';
const orderTotals: number[] = [];

function send(path: string, init: RequestInit & { json?: unknown } = {}, ip = '10.77.0.1') {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', ip);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return get(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}

async function checkout(key: string): Promise<void> {
  const cart = await send('/v1/carts', { method: 'POST' });
  expect([200, 201]).toContain(cart.status);
  const { cartId } = (await cart.json()) as { cartId: string };
  expect((await send(`/v1/carts/${cartId}/items`, { method: 'POST', json: { skuId: 'sku_case', quantity: 1 } })).status).toBe(
    201,
  );
  const placed = await send('/v1/checkout', {
    method: 'POST',
    headers: { 'idempotency-key': key },
    json: { cartId, pickupStationId: 'pks_ng001lagos', payment: { method: 'pay_on_delivery', country: 'NG' } },
  });
  expect(placed.status, await placed.clone().text()).toBe(202);
  const { orderId } = (await placed.json()) as { orderId: string };
  const total = await eventually(async () => {
    const view = (await (await send(`/v1/orders/${orderId}`)).json()) as { status: string; total: { amount: number } };
    expect(view.status).toBe('confirmed');
    return view.total.amount;
  }, 30_000);
  orderTotals.push(total);
}

beforeAll(async () => {
  await seedCatalog(env.CATALOG_DB);
  since = Date.now();
  // Anonymous catalog reads: the first fills the cache (MISS), the rest are served from it.
  for (let i = 0; i < LISTING_READS; i++) {
    expect((await send('/v1/products?limit=5', {}, `10.77.1.${i}`)).status).toBe(200);
  }
  for (let i = 0; i < MISSING_PAGES; i++) expect((await send(`/v1/nothing-here-${i}`)).status).toBe(404);
  token = await mintDevToken({ userId: SHOPPER.id, role: 'shopper', expiresIn: '30m' });
  for (let i = 0; i < CHECKOUTS; i++) await checkout(`metrics-burst-${i}`);
  token = '';
}, 90_000);

describe('metrics from a known burst', () => {
  it('counts every gateway request of the burst per route, with its cache result and latency', async () => {
    // Request points are written after each response (waitUntil): wait for the last ones to land.
    const routes = await eventually(async () => {
      const all = await d1Reader(metricsDb()).routes({ sinceMs: since, untilMs: Date.now() + 1 });
      expect(all.find((r) => r.service === 'gateway' && r.route === '/v1/products')?.requests).toBe(LISTING_READS);
      return all;
    });
    const listing = routes.find((r) => r.service === 'gateway' && r.route === '/v1/products');
    expect(listing).toMatchObject({ requests: LISTING_READS, errors: 0, cacheLookups: LISTING_READS });
    // One miss fills the cache; every later read is a hit.
    expect(listing?.cacheHits).toBe(LISTING_READS - 1);
    expect(listing?.p50).toBeGreaterThanOrEqual(0);
    expect(listing?.p99).toBeGreaterThanOrEqual(listing?.p50 ?? 0);
    // The 404s are requests too (4xx, not 5xx): nothing in the burst was a server error.
    const edge = routes.filter((r) => r.service === 'gateway');
    expect(edge.reduce((s, r) => s + r.requests, 0)).toBeGreaterThanOrEqual(LISTING_READS + MISSING_PAGES);
    expect(edge.reduce((s, r) => s + r.errors, 0)).toBe(0);
    // The catalog answered only the one miss: the service's own points say so.
    const served = routes.filter((r) => r.service === 'catalog' && r.route.startsWith('/v1/products'));
    expect(served.reduce((s, r) => s + r.requests, 0)).toBe(1);
  });

  it('records the checkout funnel, GMV and reservations written by orders', async () => {
    const rows = await d1Reader(metricsDb()).business({ sinceMs: since, untilMs: Date.now() + 1 });
    const count = (kind: string, name: string) =>
      rows.filter((r) => r.kind === kind && r.name === name).reduce((s, r) => s + r.count, 0);
    expect(count('checkout', 'started')).toBe(CHECKOUTS);
    expect(count('checkout', 'confirmed')).toBe(CHECKOUTS);
    const gmv = rows.filter((r) => r.kind === 'checkout' && r.name === 'confirmed');
    expect(gmv.map((r) => [r.country, r.currency])).toEqual([['NG', 'NGN']]);
    expect(gmv[0].amount).toBe(orderTotals.reduce((s, v) => s + v, 0));
    expect(count('reservation', 'sku_case')).toBe(CHECKOUTS);
  });

  it('shows the same figures on the /admin dashboard, within one page of 14 KB gzip', async () => {
    const admin = await mintDevToken({ userId: 'usr_metricsadmin', role: 'admin' });
    const response = await get('/admin?minutes=15', { headers: { cookie: `la_at=${admin}` } });
    const html = await response.text();
    expect(response.status, html.slice(0, 500)).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const row = html.match(/<tr data-route="gateway \/v1\/products">(.*?)<\/tr>/)?.[1] ?? '';
    expect(row).toContain(`<td class="n">${LISTING_READS}</td>`);
    expect(html).toMatch(/data-figure="conversion">[^%]*100 %/);
    expect(html).toContain('<svg class="chart"');
    const gz = await new Response(new Blob([html]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    expect(gz.byteLength).toBeLessThanOrEqual(14 * 1024);
  });

  it('refuses the dashboard to a shopper (403)', async () => {
    const shopper = await mintDevToken({ userId: SHOPPER.id, role: 'shopper' });
    expect((await get('/admin', { headers: { cookie: `la_at=${shopper}` } })).status).toBe(403);
  });
});
