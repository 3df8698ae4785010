#!/usr/bin/env node
// Catalog read benchmark on the shared harness (bench/lib): the whole marketplace on workerd
// through Miniflare's API (gateway → edge cache/KV → catalog RPC → D1), beside the in-memory
// Hono reference worker on the same workerd, and optionally behind `wrangler dev` as a second
// column. Product detail, listings, search and suggestions under Zipf-distributed popularity,
// after a warm-up; every figure is also given as a ratio to the reference worker.
//
//   pnpm bench:catalog [--products 100000] [--duration 20] [--warmup 5] [--connections 10]
//                      [--routes detail,listing,search,suggest] [--zipf 1.1] [--runtime workerd|wrangler|both]
//                      [--persist DIR] [--keep]
//
// Writes bench/results/catalog-<ISO date>.json and .svg and prints a table.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { applyMigrations, runSeed } from '../scripts/lib/dev-stack.mjs';
import { rngFor } from '../scripts/lib/generate.mjs';
import { drive } from './lib/load.mjs';
import { machine, table, terminalChart, writeResult } from './lib/report.mjs';
import { startMiniflareStack, startReferenceWorker, startWranglerStack } from './lib/runtime.mjs';
import { percentile, round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROUTES = ['detail', 'listing', 'search', 'suggest'];

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    runtime: { type: 'string', default: 'workerd' },
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
  --connections N   concurrent connections (default 10)
  --runtime R       workerd (Miniflare, default), wrangler (behind wrangler dev) or both
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
  runtimes: flags.runtime === 'both' ? ['workerd', 'wrangler'] : [flags.runtime],
};
for (const r of opts.runtimes) if (r !== 'workerd' && r !== 'wrangler') throw new Error(`Unknown runtime "${r}"`);
for (const r of opts.routes) if (!ROUTES.includes(r)) throw new Error(`Unknown route "${r}"; use ${ROUTES.join(', ')}`);

// How long the gateway keeps each route's answer fresh (workers/gateway/src/routes/api.ts).
const GATEWAY_TTL_SECONDS = { detail: 300, listing: 60, search: 60, suggest: 300 };

/**
 * The hit ratio a cache with this TTL settles at when `rps` requests a second spread Zipf(s) over
 * n paths: a path asked λ times a second misses once per TTL window and then hits until the entry
 * expires, λT / (1 + λT) of its requests (Poisson arrivals). What a measured hit rate should be read
 * against: locally `rps` is one machine's, in production a whole colo's. A run shorter than the TTL
 * can beat it (nothing it cached has expired yet).
 */
function steadyStateHitRate(n, s, rps, ttlSeconds) {
  let total = 0;
  for (let k = 1; k <= n; k++) total += k ** -s;
  let hits = 0;
  for (let k = 1; k <= n; k++) {
    const p = k ** -s / total;
    const x = rps * p * ttlSeconds;
    hits += (p * x) / (1 + x);
  }
  return round(hits, 3);
}

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

/** The reference worker's counterpart of a route: detail ↔ one product, every other route ↔ a 20-item list. */
function referencePaths(route) {
  if (route !== 'detail') return () => '/v1/products?limit=20';
  let i = 0;
  return () => `/v1/products/prd_reference${String(i++ % 1000).padStart(13, '0')}`;
}

/** Warm-up then measurement of one route's Zipf mix on one runtime. */
async function measure(url, paths, route) {
  const rng = rngFor(opts.seed, 'requests', route);
  const pick = zipf(paths.length, opts.zipf, rng);
  const nextPath = () => paths[pick()];
  const run = (seconds) => drive(url, { nextPath, seconds, connections: opts.connections });
  const warmup = opts.warmup > 0 ? await run(opts.warmup) : null;
  const measured = await run(opts.duration);
  return {
    warmup: warmup && { requests: warmup.requests, rps: warmup.rps, hitRate: warmup.cache.hitRate, non2xx: warmup.non2xx },
    measured,
  };
}

// ---- run ----

const startedAt = new Date();
const loadBefore = os.loadavg().map((l) => round(l));
const persistDir = flags.persist ? path.resolve(flags.persist) : mkdtempSync(path.join(os.tmpdir(), 'linked-all-bench-'));
const keep = flags.keep || Boolean(flags.persist);
const manifestPath = path.join(persistDir, 'manifest.json');
const running = [];
let interrupted = false;
const stopAll = async () => {
  while (running.length) await running.pop().stop();
};
const cleanup = async () => {
  await stopAll();
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
    // Seeded under older migrations, perhaps: the workers would query columns it lacks.
    await applyMigrations(persistDir);
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
  const buildDir = path.join(persistDir, 'build');

  // The ceiling first, alone on the machine: the in-memory reference worker on workerd.
  const reference = await startReferenceWorker({ buildDir });
  running.push(reference);
  const referenceResults = {};
  for (const kind of new Set(opts.routes.map((r) => (r === 'detail' ? 'detail' : 'list')))) {
    const nextPath = referencePaths(kind);
    await drive(reference.url, { nextPath, seconds: Math.min(opts.warmup, 3), connections: opts.connections });
    referenceResults[kind] = await drive(reference.url, { nextPath, seconds: opts.duration, connections: opts.connections });
    console.log(
      `reference ${kind.padEnd(6)} ${referenceResults[kind].rps} req/s, p99 ${referenceResults[kind].latencyMs.p99} ms`,
    );
  }
  await stopAll();
  const referenceOf = (route) => referenceResults[route === 'detail' ? 'detail' : 'list'];

  const results = Object.fromEntries(opts.routes.map((r) => [r, { runtimes: {} }]));
  const stacks = {};
  for (const runtime of opts.runtimes) {
    const stack =
      runtime === 'workerd' ? await startMiniflareStack({ persistDir, buildDir }) : await startWranglerStack({ persistDir });
    running.push(stack);
    stacks[runtime] = { startupSeconds: round(stack.startupSeconds, 1) };
    console.log(
      `\n${runtime}: stack up at ${stack.url} in ${round(stack.startupSeconds, 1)} s; ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per route, Zipf s=${opts.zipf}`,
    );
    for (const route of opts.routes) {
      const paths = universe(route, manifest, rngFor(opts.seed, 'universe', route));
      process.stdout.write(`${route.padEnd(8)} ${paths.length} distinct paths … `);
      const r = await measure(stack.url, paths, route);
      r.ratioToReference = round(r.measured.rps / referenceOf(route).rps, 3);
      r.steadyStateHitRate = steadyStateHitRate(paths.length, opts.zipf, r.measured.rps, GATEWAY_TTL_SECONDS[route]);
      results[route].distinctPaths = paths.length;
      results[route].examples = paths.slice(0, 3);
      results[route].runtimes[runtime] = r;
      // Sizes do not depend on the runtime: measured once.
      if (opts.samples > 0 && !results[route].sizes) results[route].sizes = await sizes(stack.url, paths, route);
      console.log(
        `${r.measured.rps} req/s (${(r.ratioToReference * 100).toFixed(1)} % of reference), p99 ${r.measured.latencyMs.p99} ms`,
      );
    }
    await stopAll();
  }

  const rows = [
    ['route', 'runtime', 'req/s', '× ref', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'hit rate', 'steady hit', 'gzip B'],
  ];
  const series = [];
  for (const kind of Object.keys(referenceResults)) {
    const m = referenceResults[kind];
    rows.push([
      `ref ${kind}`,
      'workerd',
      m.rps,
      '1.000',
      m.latencyMs.p50,
      m.latencyMs.p95,
      m.latencyMs.p99,
      m.errors,
      m.non2xx,
      null,
      null,
      null,
    ]);
    series.push({ label: `reference ${kind}`, latencyMs: m.latencyMs });
  }
  for (const [route, r] of Object.entries(results)) {
    for (const [runtime, x] of Object.entries(r.runtimes)) {
      const m = x.measured;
      const hit = m.cache.hitRate == null ? null : `${(m.cache.hitRate * 100).toFixed(1)}%`;
      rows.push([
        route,
        runtime,
        m.rps,
        x.ratioToReference.toFixed(3),
        m.latencyMs.p50,
        m.latencyMs.p95,
        m.latencyMs.p99,
        m.errors,
        m.non2xx,
        hit,
        `${(x.steadyStateHitRate * 100).toFixed(1)}%`,
        r.sizes?.gzipBytes.p50,
      ]);
      series.push({ label: `${route} (${runtime})`, latencyMs: m.latencyMs });
    }
  }

  const report = {
    benchmark: 'catalog',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(loadBefore),
    options: opts,
    seed: { products: opts.products, seconds: seedSeconds, reused: reuse, listed: manifest.activeProductIds.length },
    stacks,
    notes: [
      'workerd: every worker in one workerd through Miniflare (bench/lib/runtime.mjs), the configuration wrangler derives from each wrangler.toml. wrangler: the same behind `wrangler dev` and its local proxy (--log-level warn).',
      'reference: an in-memory Hono worker (bench/reference) on workerd, measured first in the same run; × ref = req/s ÷ the reference (detail ↔ its detail, other routes ↔ its 20-item list).',
      'Load generator (autocannon), workerd and wrangler share the same machine. Each request carries a synthetic client address (cf-connecting-ip) from a pool of 10,000.',
      'Latency percentiles are computed from every response of the measured phase; the warm-up phase fills the KV and edge caches. hitRate = X-Cache HIT / (HIT + MISS + STALE).',
      "steadyStateHitRate: the hit ratio the gateway's TTL settles at, at the measured req/s under the same Zipf mix (λT / (1 + λT) per path, Poisson arrivals); a run shorter than the TTL can beat it, since nothing it cached has expired yet.",
    ],
    reference: referenceResults,
    routes: results,
  };
  console.log(`\n${table(rows)}\n\n${terminalChart(series)}\n`);
  const file = writeResult(flags.out, 'catalog', startedAt, report, series);
  const headline = opts.routes
    .map((route) => {
      const x = results[route].runtimes.workerd ?? Object.values(results[route].runtimes)[0];
      return `${route} ${x.measured.rps}/s (${(x.ratioToReference * 100).toFixed(0)} % ref) p99 ${x.measured.latencyMs.p99} ms hit ${x.measured.cache.hitRate ?? '–'} (steady state ${x.steadyStateHitRate})`;
    })
    .join(' · ');
  console.log(`catalog: ${headline}`);
  console.log(`Wrote ${path.relative(process.cwd(), file)} (+ .svg)`);
} catch (err) {
  if (!interrupted) {
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await cleanup();
}
