#!/usr/bin/env node
// Catalog read benchmark against the real local stack (gateway → KV/edge cache →
// catalog RPC → D1): product detail, listings, search and suggestions under
// Zipf-distributed popularity, after a warm-up. Starts its own stack on a temp
// state dir and always stops it.
//
//   pnpm bench:catalog [--products 100000] [--duration 20] [--warmup 5] [--connections 20]
//                      [--routes detail,listing,search,suggest] [--zipf 1.1] [--persist DIR] [--keep]
//
// Writes bench/results/catalog-<ISO date>.json and prints a table.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { DEV_CONFIGS, freePort, runSeed, startDev, waitForHttp } from '../scripts/lib/dev-stack.mjs';
import { rngFor } from '../scripts/lib/generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROUTES = ['detail', 'listing', 'search', 'suggest'];

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    routes: { type: 'string', default: ROUTES.join(',') },
    zipf: { type: 'string', default: '1.1' },
    seed: { type: 'string', default: 'linked-all' },
    persist: { type: 'string' },
    keep: { type: 'boolean', default: false },
    samples: { type: 'string', default: '40' },
    out: { type: 'string', default: path.join(HERE, 'results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(`Usage: pnpm bench:catalog [options]
  --products N      products to seed (default 100000)
  --duration S      measured seconds per route (default 20)
  --warmup S        warm-up seconds per route before measuring (default 5)
  --connections N   concurrent connections (default 20)
  --routes LIST     any of ${ROUTES.join(',')} (default all)
  --zipf S          Zipf exponent of popularity (default 1.1)
  --seed S          seed of the catalog and of the request mix (default linked-all)
  --persist DIR     state dir to use and keep; seeded only if it has no manifest for N products
  --keep            keep the temporary state dir
  --samples N       responses per route fetched for size statistics (default 40)
  --out DIR         where to write the JSON (default bench/results)`);
  process.exit(0);
}
const opts = {
  products: Number(flags.products),
  duration: Number(flags.duration),
  warmup: Number(flags.warmup),
  connections: Number(flags.connections),
  routes: flags.routes
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean),
  zipf: Number(flags.zipf),
  seed: flags.seed,
  samples: Number(flags.samples),
};
for (const r of opts.routes) if (!ROUTES.includes(r)) throw new Error(`Unknown route "${r}"; use ${ROUTES.join(', ')}`);

/** Zipf sampler over ranks 0..n-1: P(k) ∝ 1/(k+1)^s. */
function zipf(n, s, rng) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cdf[k] = total;
  }
  return () => {
    const x = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function shuffle(list, rng) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Every combination of the weighted dimensions, most popular first (product of weights). */
function ranked(dimensions) {
  let combos = [{ weight: 1, params: [] }];
  for (const dim of dimensions) {
    combos = combos.flatMap((c) =>
      dim.map(([param, w]) => ({ weight: c.weight * w, params: param ? [...c.params, param] : c.params })),
    );
  }
  return combos.sort((a, b) => b.weight - a.weight).map((c) => c.params.join('&'));
}
const zipfWeights = (values, s = 1) => values.map((v, i) => [v, 1 / (i + 1) ** s]);

/** The URL paths of one route, ranked by popularity (rank 0 = most popular). */
function universe(route, manifest, rng) {
  const countries = [null, ...shuffle(manifest.countries, rng).map((c) => `country=${c}`)];
  switch (route) {
    case 'detail':
      // Popularity is independent of id order (and so of age).
      return shuffle(manifest.activeProductIds, rng).map((id) => `/v1/products/${id}`);
    case 'listing': {
      const categories = [null, ...shuffle(manifest.categories, rng).map((c) => `category=${c.slug}`)];
      return ranked([
        zipfWeights(categories),
        zipfWeights(countries),
        [
          [null, 0.6],
          ['sort=price_asc', 0.25],
          ['sort=price_desc', 0.15],
        ],
        [
          [null, 0.8],
          ['inStock=true', 0.2],
        ],
      ]).map((q) => `/v1/products${q ? `?${q}` : ''}`);
    }
    case 'search':
      return ranked([
        zipfWeights(manifest.queries.map((q) => `q=${encodeURIComponent(q)}`)),
        zipfWeights(countries),
        [
          [null, 0.8],
          ['sort=price_asc', 0.2],
        ],
      ]).map((q) => `/v1/products?${q}`);
    case 'suggest':
      return manifest.suggest.map((p) => `/v1/search/suggest?q=${encodeURIComponent(p)}`);
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** One of 10,000 synthetic client addresses. */
const shopperAddress = (n) => `10.${((n % 10_000) >> 8) & 255}.${n & 255}.1`;

/** One autocannon run over a route's Zipf mix; latencies and cache headers recorded per response. */
async function drive(baseUrl, paths, seconds, label) {
  const rng = rngFor(opts.seed, 'requests', label);
  const pick = zipf(paths.length, opts.zipf, rng);
  const latencies = [];
  const cache = {};
  let client = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: seconds,
    timeout: 10,
    headers: { 'accept-encoding': 'gzip', accept: 'application/json' },
    setupClient: (c) => c.on('response', (_status, _bytes, ms) => latencies.push(ms)),
    requests: [
      {
        method: 'GET',
        // A pool of 10,000 shoppers' addresses: the gateway limits each client to
        // 600 requests a minute, and real traffic comes from many clients.
        setupRequest: (req) => ({
          ...req,
          path: paths[pick()],
          headers: { ...req.headers, 'cf-connecting-ip': shopperAddress(client++) },
        }),
        onResponse: (_status, _body, _ctx, headers) => {
          const v = (headers['x-cache'] ?? headers['X-Cache'] ?? 'none').toUpperCase();
          cache[v] = (cache[v] ?? 0) + 1;
        },
      },
    ],
  });
  latencies.sort((a, b) => a - b);
  const lookups = (cache.HIT ?? 0) + (cache.MISS ?? 0) + (cache.STALE ?? 0);
  return {
    seconds,
    requests: result.requests.total,
    rps: round(result.requests.average, 1),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      mean: round(result.latency.mean),
      max: round(result.latency.max),
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    cache: { ...cache, hitRate: lookups ? round((cache.HIT ?? 0) / lookups, 4) : null },
    wireBytesPerSecond: round(result.throughput.average, 0),
  };
}

/** GETs a path without the cache-busting of a browser; returns wire size and decoded body. */
function fetchRaw(baseUrl, p, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}${p}`,
      { headers: { 'accept-encoding': acceptEncoding, 'cf-connecting-ip': '10.250.0.1' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          let body = wire;
          let layers = 0;
          if (/gzip/.test(res.headers['content-encoding'] ?? '')) body = gunzipSync(body);
          // A body still gzipped after honouring Content-Encoding was compressed twice.
          while (body[0] === 0x1f && body[1] === 0x8b && layers < 3) {
            body = gunzipSync(body);
            layers++;
          }
          resolve({
            status: res.statusCode,
            wire: wire.length,
            body,
            doubleEncoded: layers > 0,
            encoding: res.headers['content-encoding'] ?? null,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  });
}

/** Response sizes over distinct popular paths: JSON as served (raw), gzip -6 of it, and on the wire. */
async function sizes(baseUrl, paths, route) {
  const rng = rngFor(opts.seed, 'sizes', route);
  const pick = zipf(paths.length, opts.zipf, rng);
  const chosen = new Set();
  for (let i = 0; i < opts.samples * 20 && chosen.size < Math.min(opts.samples, paths.length); i++) chosen.add(paths[pick()]);
  const raw = [];
  const gz = [];
  const wire = [];
  let doubleEncoded = 0;
  let gzipServed = 0;
  for (const p of chosen) {
    const plain = await fetchRaw(baseUrl, p, 'identity');
    const compressed = await fetchRaw(baseUrl, p, 'gzip');
    raw.push(plain.body.length);
    gz.push(gzipSync(plain.body).length);
    wire.push(compressed.wire);
    if (plain.doubleEncoded || compressed.doubleEncoded) doubleEncoded++;
    if (plain.encoding) gzipServed++;
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { mean: Math.round(s.reduce((a, b) => a + b, 0) / (s.length || 1)), p50: percentile(s, 50), max: s.at(-1) ?? null };
  };
  return {
    samples: chosen.size,
    rawBytes: stats(raw),
    gzipBytes: stats(gz),
    wireBytesGzipAccepted: stats(wire),
    // Both should be 0: bodies compressed twice, and compressed bodies sent to a client that asked for identity.
    doubleEncoded,
    compressedDespiteIdentity: gzipServed,
  };
}

function table(results) {
  const rows = [['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'hit rate', 'raw B', 'gzip B', 'wire B']];
  for (const [route, r] of Object.entries(results)) {
    const m = r.measured;
    rows.push([
      route,
      String(m.rps),
      String(m.latencyMs.p50),
      String(m.latencyMs.p95),
      String(m.latencyMs.p99),
      String(m.errors + m.timeouts),
      String(m.non2xx),
      m.cache.hitRate == null ? '–' : `${(m.cache.hitRate * 100).toFixed(1)}%`,
      String(r.sizes?.rawBytes.p50 ?? '–'),
      String(r.sizes?.gzipBytes.p50 ?? '–'),
      String(r.sizes?.wireBytesGzipAccepted.p50 ?? '–'),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map(
      (r, j) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') +
        (j === 0 ? `\n${widths.map((w) => '─'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

// ---- run ----

const startedAt = new Date();
const loadBefore = os.loadavg().map((l) => round(l));
const persistDir = flags.persist ? path.resolve(flags.persist) : mkdtempSync(path.join(os.tmpdir(), 'linked-all-bench-'));
const keep = flags.keep || Boolean(flags.persist);
const manifestPath = path.join(persistDir, 'manifest.json');
let dev;
let interrupted = false;
const cleanup = async () => {
  await dev?.stop();
  if (!keep) rmSync(persistDir, { recursive: true, force: true });
};
process.on('SIGINT', async () => {
  interrupted = true;
  console.error('\ninterrupted: stopping the stack');
  await cleanup();
  process.exit(130);
});

try {
  let seedSeconds = null;
  const reuse = existsSync(manifestPath) && JSON.parse(readFileSync(manifestPath, 'utf8')).products === opts.products;
  if (reuse) {
    console.log(`Reusing the seeded catalog in ${persistDir}`);
  } else {
    console.log(`Seeding ${opts.products} products into ${persistDir} …`);
    const t = performance.now();
    await runSeed([
      '--products',
      String(opts.products),
      '--seed',
      opts.seed,
      '--persist',
      persistDir,
      '--manifest',
      manifestPath,
      '--reset',
    ]);
    seedSeconds = round((performance.now() - t) / 1000, 1);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

  const port = await freePort();
  const t = performance.now();
  // --log-level warn: wrangler would otherwise print two lines per request, which
  // costs the shared CPU more than some of the routes themselves.
  dev = startDev({
    port,
    ip: '127.0.0.1',
    persistDir,
    registryDir: path.join(persistDir, 'registry'),
    extraArgs: ['--log-level', 'warn'],
  });
  await waitForHttp(`${dev.baseUrl}/v1/health`, { status: 200, timeoutMs: 120_000, child: dev.child, log: dev.log });
  const startupSeconds = round((performance.now() - t) / 1000, 1);
  console.log(
    `Stack up at ${dev.baseUrl} in ${startupSeconds} s; ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per route, Zipf s=${opts.zipf}\n`,
  );

  const results = {};
  for (const route of opts.routes) {
    const paths = universe(route, manifest, rngFor(opts.seed, 'universe', route));
    process.stdout.write(`${route.padEnd(8)} ${paths.length} distinct paths … `);
    const warmup = opts.warmup > 0 ? await drive(dev.baseUrl, paths, opts.warmup, `${route}-warmup`) : null;
    const measured = await drive(dev.baseUrl, paths, opts.duration, route);
    const size = opts.samples > 0 ? await sizes(dev.baseUrl, paths, route) : null;
    results[route] = {
      distinctPaths: paths.length,
      examples: paths.slice(0, 3),
      warmup: warmup && { requests: warmup.requests, rps: warmup.rps, hitRate: warmup.cache.hitRate, non2xx: warmup.non2xx },
      measured,
      sizes: size,
    };
    console.log(`${measured.rps} req/s, p99 ${measured.latencyMs.p99} ms`);
  }

  const report = {
    benchmark: 'catalog',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      loadAvgBefore: loadBefore,
      loadAvgAfter: os.loadavg().map((l) => round(l)),
      node: process.version,
    },
    options: opts,
    seed: { products: opts.products, seconds: seedSeconds, reused: reuse, listed: manifest.activeProductIds.length },
    stack: { startupSeconds, configs: DEV_CONFIGS },
    notes: [
      'Load generator (autocannon), wrangler dev and workerd share the same machine; wrangler dev runs with --log-level warn.',
      'Each request carries a synthetic client address (cf-connecting-ip) from a pool of 10,000, as the gateway rate-limits per client.',
      'Latency percentiles are computed from every response of the measured phase; the warm-up phase fills the KV and edge caches.',
      'hitRate = X-Cache HIT / (HIT + MISS + STALE).',
      'rawBytes: the JSON body; gzipBytes: gzip -6 of it; wireBytesGzipAccepted: bytes received with Accept-Encoding: gzip.',
    ],
    routes: results,
  };
  console.log(`\n${table(results)}\n`);
  mkdirSync(flags.out, { recursive: true });
  const file = path.join(flags.out, `catalog-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
} catch (err) {
  if (!interrupted) {
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await cleanup();
}
