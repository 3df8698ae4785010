#!/usr/bin/env node
// Search benchmark on the shared harness (bench/lib): the catalog seeded with N products, every
// worker on workerd through Miniflare; the relevance test set's precision@5
// (scripts/lib/relevance-set.mjs), then search and suggest under load (the set's queries and the
// seed's popular queries and prefixes, round-robin, each request from its own client address).
// Latency of the catalog's own answer is what matters here, so every request skips the
// gateway's response cache (a signed-in shopper's search does the same); listings too, so each one
// is what a cache MISS costs.
//
//   pnpm bench:search [--products 100000] [--duration 15] [--connections 10] [--persist DIR] [--keep]
//
// Writes bench/results/search-<ISO date>.json and .svg and prints a table.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintDevToken } from '../packages/auth/src/dev-keys.ts';
import { LISTING_VERSION_KEY } from '../packages/cache/src/versions.ts';
import { applyMigrations, runSeed } from '../scripts/lib/dev-stack.mjs';
import { precisionAt5, RELEVANCE_SET, relevanceUrl } from '../scripts/lib/relevance-set.mjs';
import { drive } from './lib/load.mjs';
import { machine, table, terminalChart, writeResult } from './lib/report.mjs';
import { startMiniflareStack } from './lib/runtime.mjs';
import { latencySummary, round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '10' },
    seed: { type: 'string', default: 'linked-all' },
    persist: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const opts = {
  products: Number(flags.products),
  duration: Number(flags.duration),
  connections: Number(flags.connections),
  seed: flags.seed,
};

const startedAt = new Date();
const loadBefore = os.loadavg().map((l) => round(l));
const persistDir = flags.persist ? path.resolve(flags.persist) : mkdtempSync(path.join(os.tmpdir(), 'linked-all-search-'));
const keep = flags.keep || Boolean(flags.persist);
const manifestPath = path.join(persistDir, 'manifest.json');
let stack;
try {
  if (!existsSync(manifestPath) || JSON.parse(readFileSync(manifestPath, 'utf8')).products !== opts.products) {
    console.log(`Seeding ${opts.products} products into ${persistDir} …`);
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
  } else {
    // A kept state was seeded under older migrations, perhaps: bring it up to date, or the workers
    // query columns it lacks (a state from before identity's token_version made every signed-in
    // search a failing identity look-up).
    await applyMigrations(persistDir);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  stack = await startMiniflareStack({ persistDir });
  console.log(`workerd: stack up at ${stack.url} in ${round(stack.startupSeconds, 1)} s`);
  // A shopper's token: signed-in searches bypass the gateway's response cache (completions do not:
  // they are the same for everyone, so after a first ask they come from it, as for every shopper).
  const token = await mintDevToken({ userId: 'usr_01benchsearch000000000000', role: 'shopper' });
  const headers = { authorization: `Bearer ${token}` };

  // Cold: each distinct search and suggest once, one at a time — what a query costs the first time
  // (the catalog keeps answers in KV under the listing version, so the load runs below mostly
  // measure that cache once warm). A kept state holds the answers of the last run, fresh for five
  // minutes: a new listing version makes every one of them stale, as a catalog change would. A few
  // requests first (a search and a completion of words in no set among them), so the isolates' start
  // and the first compile of each code path are not counted as some query's cost.
  const kv = await stack.miniflare.getKVNamespace('CACHE', 'linked-all-catalog');
  await kv.put(LISTING_VERSION_KEY, `bench-${crypto.randomUUID()}`);
  for (const p of [
    '/v1/products?limit=20',
    '/v1/categories',
    '/v1/products?limit=20&sort=price_asc',
    '/v1/products?limit=24&q=warmup',
    '/v1/search/suggest?q=warmu',
  ]) {
    await (await fetch(`${stack.url}${p}`, { headers: { ...headers, 'cf-connecting-ip': '10.250.0.7' } })).arrayBuffer();
  }
  const queries = [...new Set([...RELEVANCE_SET.map((e) => e.q), ...manifest.queries])];
  const prefixes = [...new Set([...manifest.suggest, 'samsng', 'infinx', 'blendr', 'labtop'])];
  const cold = {};
  for (const [route, paths] of [
    ['search', queries.map((q) => `/v1/products?limit=24&q=${encodeURIComponent(q)}`)],
    ['suggest', prefixes.map((q) => `/v1/search/suggest?q=${encodeURIComponent(q)}`)],
  ]) {
    const ms = [];
    for (const p of paths) {
      const t = performance.now();
      const res = await fetch(`${stack.url}${p}`, { headers: { ...headers, 'cf-connecting-ip': '10.250.0.8' } });
      await res.arrayBuffer();
      ms.push(performance.now() - t);
    }
    cold[route] = { requests: ms.length, latencyMs: latencySummary(ms) };
    console.log(
      `${route.padEnd(8)} cold (first ask, uncached): p50 ${cold[route].latencyMs.p50} / p95 ${cold[route].latencyMs.p95} ms`,
    );
  }

  const relevance = [];
  for (const entry of RELEVANCE_SET) {
    const res = await fetch(`${stack.url}${relevanceUrl(entry)}`, { headers: { ...headers, 'cf-connecting-ip': '10.250.0.9' } });
    const body = await res.json();
    relevance.push({ q: entry.q, precision: precisionAt5(entry, body.items ?? []), total: body.total, mode: body.search?.mode });
  }
  const precision = round(relevance.reduce((n, r) => n + r.precision, 0) / relevance.length, 3);
  console.log(`precision@5 over ${relevance.length} queries: ${precision}`);

  const roundRobin = (paths) => {
    let i = 0;
    return () => paths[i++ % paths.length];
  };
  // Listings past the cache (every one a MISS): category × country × sort × in-stock, so the
  // facets come from the precomputed counts (migration catalog/0006) and the page from an index.
  const listings = [];
  for (const category of [null, ...manifest.categories.map((c) => c.slug)]) {
    for (const country of [null, ...manifest.countries]) {
      for (const extra of ['', '&sort=price_asc', '&inStock=true']) {
        const filters = `${category ? `&category=${category}` : ''}${country ? `&country=${country}` : ''}${extra}`;
        listings.push(`/v1/products?limit=20${filters}`);
      }
    }
  }
  const routes = {
    listing: roundRobin(listings),
    search: roundRobin(queries.map((q) => `/v1/products?limit=24&q=${encodeURIComponent(q)}`)),
    suggest: roundRobin(prefixes.map((q) => `/v1/search/suggest?q=${encodeURIComponent(q)}`)),
  };
  const results = {};
  for (const [route, nextPath] of Object.entries(routes)) {
    await drive(stack.url, { nextPath, seconds: 3, connections: opts.connections, headers });
    results[route] = await drive(stack.url, { nextPath, seconds: opts.duration, connections: opts.connections, headers });
    const w = results[route].workerd;
    console.log(
      `${route.padEnd(8)} ${results[route].rps} req/s, p95 ${results[route].latencyMs.p95} ms${w ? ` · workerd thread ${Math.round(w.oneCoreShare * 100)} % of a core, ${w.cpuMsPerRequest} ms CPU/request` : ''}`,
    );
  }
  const rows = [['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'workerd CPU ms/req', 'thread busy']];
  for (const [route, m] of Object.entries(results)) {
    rows.push([
      route,
      m.rps,
      m.latencyMs.p50,
      m.latencyMs.p95,
      m.latencyMs.p99,
      m.errors,
      m.non2xx,
      m.workerd?.cpuMsPerRequest ?? '–',
      m.workerd ? `${Math.round(m.workerd.oneCoreShare * 100)} %` : '–',
    ]);
  }
  for (const [route, m] of Object.entries(cold)) {
    rows.push([`${route} cold`, '–', m.latencyMs.p50, m.latencyMs.p95, m.latencyMs.p99, 0, 0, '–', '–']);
  }
  const series = Object.entries(results).map(([label, m]) => ({ label, latencyMs: m.latencyMs }));
  const report = {
    benchmark: 'search',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(loadBefore),
    options: opts,
    notes: [
      'Every worker on workerd through Miniflare (bench/lib/runtime.mjs); requests carry a shopper token, so the gateway forwards searches and listings to the catalog without its response cache; completions are shared (the same for every caller) and come from it after their first ask. The cold figures are first asks after a new listing version, uncached everywhere.',
      'precision@5: share of the first five results a shopper expects (scripts/lib/relevance-set.mjs), averaged over the set.',
      'workerd runs every worker and the local D1/KV/rate limiter on one thread: "thread busy" near 100 % means that one core, not the query, set the throughput (bench/lib/workerd-cpu.mjs).',
    ],
    precisionAt5: precision,
    cold,
    relevance,
    routes: results,
  };
  console.log(`\n${table(rows)}\n\n${terminalChart(series)}\n`);
  const file = writeResult(flags.out, 'search', startedAt, report, series);
  console.log(
    `search: precision@5 ${precision} · listing MISS p95 ${results.listing.latencyMs.p95} ms · search p95 ${results.search.latencyMs.p95} ms · suggest p95 ${results.suggest.latencyMs.p95} ms at ${opts.products} products`,
  );
  console.log(`Wrote ${path.relative(process.cwd(), file)} (+ .svg)`);
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
} finally {
  await stack?.stop();
  if (!keep) rmSync(persistDir, { recursive: true, force: true });
}
