import { env } from 'cloudflare:test';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_JWKS, mintDevToken } from '@linked-all/auth/dev-keys';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, seedCatalog, VENDOR_A } from '../../catalog/test/seed-catalog';
import { eventually, get, problem } from './helpers';

beforeAll(() => seedCatalog(env.CATALOG_DB));

/** The classic confusion attack: the published public key used as an HMAC secret. */
function hs256WithPublicKey() {
  const secret = new TextEncoder().encode(DEV_JWKS);
  return new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'HS256', kid: 'dev-2026-11' })
    .setSubject('usr_attacker')
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setJti('jti-attack-0001')
    .setExpirationTime('5m')
    .sign(secret);
}

describe('GET /v1/health', () => {
  it('reports every service as reachable', async () => {
    const response = await get('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', services: { catalog: { ok: true }, media: { ok: true } } });
  });

  it('adds each service’s outbox backlog and dead letters, and their totals', async () => {
    await env.ORDERS_DB.prepare(
      "INSERT INTO dead_letters (message_id, queue, body, attempts, received_at) VALUES ('health-dl-1', 'payment-events', '{}', 6, 1)",
    ).run();
    await env.ORDERS_DB.prepare(
      "INSERT INTO outbox (id, type, body, created_at, sent_at) VALUES ('health-ob-1', 'order.created', '{}', ?, NULL)",
    )
      .bind(Date.now() - 60_000)
      .run();
    const body = (await (await get('/v1/health')).json()) as {
      services: Record<string, { backlog?: { outboxUnsent: number; oldestUnsentMs: number; deadLetters: number } }>;
      queues: { outboxUnsent: number; oldestUnsentMs: number; deadLetters: number };
    };
    expect(body.services.orders.backlog).toMatchObject({ outboxUnsent: 1, deadLetters: 1 });
    expect(body.services.orders.backlog?.oldestUnsentMs).toBeGreaterThanOrEqual(60_000);
    expect(body.services.identity.backlog).toMatchObject({ deadLetters: 0 });
    expect(body.queues.outboxUnsent).toBeGreaterThanOrEqual(1);
    expect(body.queues.deadLetters).toBeGreaterThanOrEqual(1);
    await env.ORDERS_DB.prepare("DELETE FROM outbox WHERE id = 'health-ob-1'").run();
  });
});

describe('GET /v1/health/ready', () => {
  it('answers 200 ready when every service answers, never cached', async () => {
    const response = await get('/v1/health/ready');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      ready: true,
      services: {
        catalog: true,
        identity: true,
        payments: true,
        orders: true,
        logistics: true,
        notifications: true,
        media: true,
      },
    });
  });

  it('answers 503 not ready while a service fails', async () => {
    const admin = await mintDevToken({ userId: 'usr_readyadmin', role: 'admin' });
    const fault = (mode: string) =>
      get('/v1/dev/faults/logistics', {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mode }),
      });
    expect((await fault('fail')).status).toBe(200);
    try {
      const response = await get('/v1/health/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ready: false, services: { logistics: false, catalog: true } });
    } finally {
      expect((await fault('off')).status).toBe(200);
    }
  });
});

type Operation = {
  parameters: { name: string; schema: { enum?: string[] } }[];
  security?: unknown;
  requestBody: { content: Record<string, { schema: { required: string[] } }> };
  responses: Record<string, unknown>;
};
type OpenApiDoc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } };
};

describe('GET /v1/openapi.json', () => {
  it('describes the catalog API from the schemas that validate it', async () => {
    const doc = (await (await get('/v1/openapi.json')).json()) as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    const list = doc.paths['/v1/products'].get;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'category', 'minPrice', 'sort', 'limit', 'cursor']),
    );
    expect(list.parameters.find((p) => p.name === 'sort')?.schema.enum).toEqual([
      'relevance',
      'price_asc',
      'price_desc',
      'newest',
    ]);
    const create = doc.paths['/v1/vendor/products'].post;
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['title', 'category', 'skus']),
    );
    expect(doc.paths['/v1/products/{id}'].get.responses['404']).toBeTruthy();
    expect(doc.components.schemas.Problem.properties.code.enum).toContain('validation_failed');
  });
});

describe('the versioned cache', () => {
  it('answers MISS then HIT for an anonymous product read', async () => {
    const first = await get(`/v1/products/${P.case}`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await get(`/v1/products/${P.case}`);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.json()).toEqual(await first.json());
  });

  it('never serves the old product once its update event is consumed', async () => {
    const token = await mintDevToken({ userId: 'usr_vendora', role: 'vendor', vendorId: VENDOR_A });
    await get(`/v1/products/${P.tecno}`);
    expect((await get(`/v1/products/${P.tecno}`)).headers.get('x-cache')).toBe('HIT');
    await get('/v1/products?category=phones');

    const update = await get(`/v1/vendor/products/${P.tecno}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Tecno Spark 20 Pro+' }),
    });
    expect(update.status).toBe(200);

    // The consumer records each event it handled; once product.updated is in, no stale copy may be served.
    await eventually(async () => {
      const row = await env.CATALOG_DB.prepare(
        "SELECT count(*) AS n FROM processed_events WHERE type = 'product.updated'",
      ).first<{ n: number }>();
      expect(row?.n).toBeGreaterThan(0);
    });
    const detail = await get(`/v1/products/${P.tecno}`);
    expect(detail.headers.get('x-cache')).toBe('MISS');
    expect(await detail.json()).toMatchObject({ title: 'Tecno Spark 20 Pro+' });
    const listing = (await (await get('/v1/products?category=phones')).json()) as { items: { id: string; title: string }[] };
    expect(listing.items.find((p) => p.id === P.tecno)?.title).toBe('Tecno Spark 20 Pro+');
  });

  it('serves the last good copy, marked STALE, when the catalog database fails', async () => {
    await get(`/v1/products/${P.dress}`);
    // Invalidate the copy, then break the database under the catalog.
    await env.CACHE.put(`ver:product:${P.dress}`, 'changed');
    await env.CATALOG_DB.exec('ALTER TABLE skus RENAME TO skus_broken');
    try {
      const response = await get(`/v1/products/${P.dress}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-cache')).toBe('STALE');
      expect(response.headers.get('warning')).toMatch(/stale/i);
      expect(await response.json()).toMatchObject({ id: P.dress });
      // Nothing cached to fall back on: the failure is a masked problem, not a stack trace.
      const uncached = await get('/v1/products/prd_nevercached');
      expect(uncached.status).toBe(500);
      expect(await uncached.json()).toMatchObject({ code: 'internal' });
    } finally {
      await env.CATALOG_DB.exec('ALTER TABLE skus_broken RENAME TO skus');
    }
  });

  it('bypasses the shared cache for signed-in requests', async () => {
    const token = await mintDevToken({ userId: 'usr_shopper1', role: 'shopper' });
    const response = await get(`/v1/products/${P.case}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.headers.get('x-cache')).toBe('BYPASS');
  });

  it('serves the category tree and completions from the shared cache to signed-in shoppers too', async () => {
    const token = await mintDevToken({ userId: 'usr_shopper1', role: 'shopper' });
    const signedIn = { headers: { authorization: `Bearer ${token}` } };
    for (const path of ['/v1/categories', '/v1/search/suggest?q=tecn']) {
      await get(path, signedIn);
      const again = await get(path, signedIn);
      expect(again.status).toBe(200);
      expect(again.headers.get('x-cache'), path).toBe('HIT');
    }
  });
});

describe('HTTP behaviour at the edge', () => {
  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/v1/categories');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await get('/v1/categories', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('keeps one validator per cached answer: the miss and every hit carry the same ETag', async () => {
    const miss = await get('/v1/products?limit=3&sort=price_desc');
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const hit = await get('/v1/products?limit=3&sort=price_desc');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(etag);
    expect((await get('/v1/products?limit=3&sort=price_desc', { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
  });

  it('compresses JSON for clients that accept gzip', async () => {
    const response = await get('/v1/products?limit=50', { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  it('sets security headers, a request id and a traceparent on every answer', async () => {
    const response = await get('/v1/categories');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('answers CORS preflights for the API', async () => {
    const response = await get('/v1/vendor/products', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://vendor.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('errors at the gateway', () => {
  it('answers an unknown API route with a 404 problem', async () => {
    await problem(await get('/v1/unknown'), 404, 'route_not_found');
  });

  it('answers 405 for a wrong method on a known route', async () => {
    await problem(await get('/v1/health', { method: 'POST' }), 405, 'method_not_allowed');
  });

  it('answers 413 for a body over the limit, before it reaches a service', async () => {
    const response = await get('/v1/vendor/products', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'x'.repeat(100_000) }),
    });
    await problem(response, 413, 'payload_too_large');
  });

  it.each([
    ['an expired token', () => mintDevToken({ userId: 'usr_a', role: 'shopper', expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['a token for another audience', () => mintDevToken({ userId: 'usr_a', role: 'shopper', audience: 'someone-else' })],
    ['a token from another issuer', () => mintDevToken({ userId: 'usr_a', role: 'shopper', issuer: 'https://evil.example' })],
    ['a token not valid yet', () => mintDevToken({ userId: 'usr_a', role: 'shopper', notBefore: '1h' })],
    [
      'an unsigned alg:none token',
      async () =>
        `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${btoa(JSON.stringify({ sub: 'usr_a', role: 'admin' }))}.`,
    ],
    ['an HS256 token signed with the public key (key confusion)', hs256WithPublicKey],
    ['garbage', async () => 'not.a.jwt'],
  ])('answers 401 for %s', async (_, token) => {
    const response = await get('/v1/products', { headers: { authorization: `Bearer ${await token()}` } });
    await problem(response, 401, 'invalid_token');
  });
});

describe('anonymous catalog reads with over-long input', () => {
  it.each([
    ['a 500-character q', `/v1/products?q=${'a'.repeat(500)}`, 'q'],
    ['any 3,000-character query parameter', `/v1/products?zzz=${'b'.repeat(3000)}`, '(root)'],
    ['a 4,000-character product id', `/v1/products/prd_${'c'.repeat(4000)}`, 'id'],
    ['a 500-character suggest query', `/v1/search/suggest?q=${'d'.repeat(500)}`, 'q'],
  ])('answers 400 naming the field for %s, before any cache key is built', async (_, path, field) => {
    const body = await problem(await get(path), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it('serves the category tree from one entry whatever junk the query carries', async () => {
    await get('/v1/categories');
    const junk = await get(`/v1/categories?x=${'e'.repeat(3000)}`);
    expect(junk.status).toBe(200);
    expect(junk.headers.get('x-cache')).toBe('HIT');
  });

  it('caches a long but valid listing under a hashed key (KV keys are limited to 512 bytes)', async () => {
    const path = `/v1/products?q=${'phone '.repeat(16).trim()}&category=phones&sort=newest&limit=100&cursor=${'f'.repeat(400)}`;
    const first = await get(path);
    expect(first.status).toBeLessThan(500);
  });
});
