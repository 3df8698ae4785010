// Deadlines, circuit breakers and stale answers at the gateway, with a real service made to fail
// through the development-only fault switch (PUT /v1/dev/faults/:service).
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { productVersionKey } from '@linked-all/cache';
import { SERVICE_BREAKER } from '@linked-all/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog, VENDOR_A } from '../../catalog/test/seed-catalog';
import { get, problem } from './helpers';

beforeAll(() => seedCatalog(env.CATALOG_DB));

const admin = () => mintDevToken({ userId: 'usr_admin', role: 'admin' });

async function fault(service: string, mode: 'off' | 'fail' | 'hang') {
  const response = await get(`/v1/dev/faults/${service}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await admin()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Waits until the catalog's breaker lets a probe through and it succeeds: the service is back. */
async function untilServed(path: string, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await get(path);
    if (response.status === 200) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${path} still ${response.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

afterAll(async () => {
  await fault('catalog', 'off');
});

describe('the fault switch', () => {
  it('is for admins only', async () => {
    const shopper = await mintDevToken({ userId: 'usr_shopper', role: 'shopper' });
    const body = JSON.stringify({ mode: 'fail' });
    await problem(
      await get('/v1/dev/faults/catalog', { method: 'PUT', body, headers: { 'content-type': 'application/json' } }),
      401,
      'unauthenticated',
    );
    await problem(
      await get('/v1/dev/faults/catalog', {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shopper}` },
      }),
      403,
      'forbidden',
    );
  });

  it('names the bad field of a bad request', async () => {
    const response = await get('/v1/dev/faults/ledger', {
      method: 'PUT',
      body: JSON.stringify({ mode: 'explode' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await admin()}` },
    });
    const body = await problem(response, 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'service' })]));
  });
});

describe('when the catalog fails every call', () => {
  it('serves cached answers STALE, refuses the rest with 503 + Retry-After, opens and closes the breaker', async () => {
    // Warm the caches: the API answer and the product page.
    expect((await get(`/v1/products/${P.samsung}`)).headers.get('x-cache')).toBe('MISS');
    expect((await get(`/p/${P.samsung}`)).status).toBe(200);
    // A change the catalog has not answered for yet: the cached copy is no longer fresh.
    await env.CACHE.put(productVersionKey(P.samsung), 'changed-while-down');

    await fault('catalog', 'fail');
    // Before the breaker opens every call still reaches the failing catalog.
    for (let i = 0; i < SERVICE_BREAKER.failureThreshold; i++) {
      const uncached = await get(`/v1/products?q=call${i}`);
      await problem(uncached, 503, 'upstream_unavailable');
      expect(Number(uncached.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Open: answered at once, without calling the catalog.
    const started = Date.now();
    const refused = await get('/v1/products?q=another');
    await problem(refused, 503, 'upstream_unavailable');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(SERVICE_BREAKER.coolDownMs / 1000);

    const stale = await get(`/v1/products/${P.samsung}`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(stale.headers.get('warning')).toBe('110 - "Response is stale"');
    expect(await stale.json()).toMatchObject({ id: P.samsung });

    // The page is built from the last good data.
    await env.CACHE.put(productVersionKey(P.samsung), 'changed-again');
    const page = await get(`/p/${P.samsung}`);
    expect(page.status).toBe(200);

    const vendor = await mintDevToken({ userId: 'usr_vendora', role: 'vendor', vendorId: VENDOR_A });
    const write = await get(`/v1/vendor/products/${P.samsung}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${vendor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Written while the catalog is down' }),
    });
    await problem(write, 503, 'upstream_unavailable');
    expect(Number(write.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Other services keep their own breakers.
    expect((await get('/v1/wallet')).status).toBe(401);

    await fault('catalog', 'off');
    // The next probe after the cool-down closes the breaker.
    const waited = await untilServed('/v1/products?q=back');
    expect(waited).toBeLessThanOrEqual(SERVICE_BREAKER.coolDownMs + 1_000);
    expect((await get(`/v1/products/${P.samsung}`)).headers.get('x-cache')).toBe('MISS');
  }, 30_000);

  it('answers a console screen that reads it with the console saying so, as HTML, never problem+json', async () => {
    await fault('catalog', 'fail');
    const screen = await get('/admin/products', { headers: { cookie: `la_at=${await admin()}`, accept: 'text/html' } });
    await fault('catalog', 'off');
    const html = await screen.text();
    expect(screen.status, html.slice(0, 300)).toBe(503);
    expect(screen.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(screen.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('A service is unavailable right now; try again in a moment.');
  });

  it('gives up on a hanging catalog at the deadline instead of hanging the client', async () => {
    await fault('catalog', 'hang');
    const started = Date.now();
    const response = await get('/v1/products?q=hanging');
    const took = Date.now() - started;
    await fault('catalog', 'off');
    await problem(response, 503, 'upstream_unavailable');
    expect(took).toBeGreaterThanOrEqual(3_900);
    expect(took).toBeLessThan(6_000);
  }, 20_000);
});

describe('when identity fails every call', () => {
  it('answers a vendor signing in with the vendor app saying so, as HTML or as JSON to its outbox', async () => {
    await fault('identity', 'fail');
    const signIn = (headers: Record<string, string> = {}) =>
      get('/vendor/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
        body: new URLSearchParams({ identifier: '+254712000999', password: 'correct horse battery' }).toString(),
      });
    const page = await signIn();
    const outbox = await signIn({ 'x-outbox': '1' });
    await fault('identity', 'off');
    const html = await page.text();
    expect(page.status, html.slice(0, 300)).toBe(503);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('A service is unavailable right now; try again in a moment.');
    expect(outbox.status).toBe(503);
    expect(await outbox.json()).toEqual({ ok: false, message: 'A service is unavailable right now; try again in a moment.' });
  });
});
