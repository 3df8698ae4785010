import { describe, expect, it } from 'vitest';
import { analyticsEngineReader } from './reader';
import { toDataPoint } from './schema';

describe('toDataPoint', () => {
  it('lays a request out in the shared columns, the kind as sampling index', () => {
    expect(
      toDataPoint({
        kind: 'request',
        service: 'gateway',
        route: '/v1/products/:id',
        method: 'GET',
        status: 503,
        cache: 'STALE',
        latencyMs: 12,
        country: 'KE',
      }),
    ).toEqual({
      indexes: ['request'],
      blobs: ['request', 'gateway', '/v1/products/:id', 'GET', '5xx', 'STALE', 'KE'],
      doubles: [12, 503],
    });
  });

  it('carries GMV on a confirmed checkout: country, currency, amount', () => {
    expect(
      toDataPoint({ kind: 'checkout', service: 'orders', stage: 'confirmed', country: 'NG', currency: 'NGN', amount: 450000 }),
    ).toEqual({ indexes: ['checkout'], blobs: ['checkout', 'orders', 'confirmed', '', '', 'NGN', 'NG'], doubles: [1, 450000] });
  });

  it('refuses a point outside the schema', () => {
    expect(() => toDataPoint({ kind: 'payment', service: 'payments', provider: 'mpesa', outcome: 'maybe' } as never)).toThrow();
  });
});

describe('analyticsEngineReader', () => {
  // Speaks the SQL API's wire format: POST of the query text with a bearer token, JSON rows under
  // `data`, 64-bit integers quoted as strings (ClickHouse's JSON output).
  function sqlApi(answer: (sql: string) => unknown[]) {
    const calls: { url: string; auth: string | null; sql: string }[] = [];
    const fetcher: typeof fetch = async (input, init) => {
      const sql = String(init?.body);
      calls.push({ url: String(input), auth: new Headers(init?.headers).get('authorization'), sql });
      return Response.json({ meta: [], data: answer(sql), rows: 1 });
    };
    return { calls, fetcher };
  }

  it('asks the SQL API with weighted quantiles and joins latency to totals per route', async () => {
    const api = sqlApi((sql) =>
      sql.includes('quantileExactWeighted')
        ? [{ service: 'gateway', route: '/v1/products', p50: 4, p95: 9.5, p99: 20 }]
        : [{ service: 'gateway', route: '/v1/products', requests: '120', errors: '3', cacheHits: '90', cacheLookups: '100' }],
    );
    const reader = analyticsEngineReader({
      accountId: 'acc',
      apiToken: 'tok',
      dataset: 'linked_all_metrics',
      fetch: api.fetcher,
    });
    const rows = await reader.routes({ sinceMs: 1_700_000_000_000, untilMs: 1_700_000_300_000 });
    expect(rows).toEqual([
      {
        service: 'gateway',
        route: '/v1/products',
        requests: 120,
        errors: 3,
        cacheHits: 90,
        cacheLookups: 100,
        p50: 4,
        p95: 9.5,
        p99: 20,
      },
    ]);
    expect(api.calls[0].url).toBe('https://api.cloudflare.com/client/v4/accounts/acc/analytics_engine/sql');
    expect(api.calls[0].auth).toBe('Bearer tok');
    expect(api.calls[0].sql).toContain('SUM(_sample_interval) AS requests');
    expect(api.calls[0].sql).toContain('timestamp >= toDateTime(1700000000) AND timestamp < toDateTime(1700000300)');
    expect(api.calls[0].sql).toMatch(/FORMAT JSON$/);
  });

  it('fails loudly when the API refuses the query', async () => {
    const reader = analyticsEngineReader({
      accountId: 'acc',
      apiToken: 'bad',
      dataset: 'd',
      fetch: async () => new Response('authentication error', { status: 401 }),
    });
    await expect(reader.business({ sinceMs: 0, untilMs: 1 })).rejects.toThrow(/401/);
  });
});
