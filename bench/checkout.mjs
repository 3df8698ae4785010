#!/usr/bin/env node
// Checkout benchmark on the shared harness (bench/lib): the whole marketplace on workerd through
// Miniflare's API (gateway → orders → checkout Workflow → Inventory Durable Objects, catalog and
// payments over RPC, queues), or behind `wrangler dev` with --runtime wrangler. Starts its own
// stack on a temp state dir and always stops it. Two phases:
//
//   1. sustained: N shoppers with funded wallets, each in a loop (add to cart → POST /v1/checkout
//      → follow the status URL until confirmed); checkouts/min and p50/p95/p99 of POST → confirmed.
//   2. hot SKU: one SKU, a burst of concurrent pay-on-delivery checkouts, more than its stock;
//      reservations/s on that one Inventory object (every checkout makes exactly one reserve
//      call, held or refused), and a check that it sold exactly its stock.
//
//   pnpm bench:checkout [--products 200] [--duration 30] [--shoppers 10] [--hot-checkouts 300]
//                       [--hot-stock 100] [--runtime workerd|wrangler] [--persist DIR] [--keep]
//
// Writes bench/results/checkout-<ISO date>.json and .svg and prints a summary.

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintDevToken } from '../packages/auth/src/dev-keys.ts';
import { runSeed } from '../scripts/lib/dev-stack.mjs';
import { machine, terminalChart, writeResult } from './lib/report.mjs';
import { startMiniflareStack, startWranglerStack } from './lib/runtime.mjs';
import { percentile } from './lib/stats.mjs';
import { workerdMeter } from './lib/workerd-cpu.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    shoppers: { type: 'string', default: '10' },
    'hot-checkouts': { type: 'string', default: '300' },
    'hot-stock': { type: 'string', default: '100' },
    runtime: { type: 'string', default: 'workerd' },
    'without-consumers': { type: 'string', default: '' },
    persist: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(HERE, 'results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(`Usage: pnpm bench:checkout [options]
  --products N        products to seed (default 200)
  --duration S        seconds of sustained wallet checkouts (default 30)
  --shoppers N        shoppers checking out in a loop at once (default 10)
  --hot-checkouts N   concurrent checkouts of the hot SKU (default 300)
  --hot-stock N       stock of the hot SKU (default 100)
  --runtime R         workerd (Miniflare, default) or wrangler (behind wrangler dev)
  --without-consumers W,…  leave out these workers' queue consumers (e.g.
                      linked-all-notifications,linked-all-logistics,linked-all-catalog: what the
                      checkout path costs the thread without the work that follows an order,
                      which production runs in its own invocations); workerd only
  --persist DIR       state dir to use and keep
  --keep              keep the temporary state dir
  --out DIR           where to write the JSON (default bench/results)`);
  process.exit(0);
}
const opts = {
  products: Number(flags.products),
  duration: Number(flags.duration),
  shoppers: Number(flags.shoppers),
  hotCheckouts: Number(flags['hot-checkouts']),
  hotStock: Number(flags['hot-stock']),
  runtime: flags.runtime,
  withoutConsumers: flags['without-consumers'].split(',').filter(Boolean),
};
if (opts.runtime !== 'workerd' && opts.runtime !== 'wrangler') throw new Error(`Unknown runtime "${opts.runtime}"`);
if (opts.withoutConsumers.length && opts.runtime !== 'workerd') throw new Error('--without-consumers needs --runtime workerd');

const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The gateway limits each client address to 600 requests a minute; real shoppers come from many.
let client = 0;
const nextAddress = () => `10.${((client % 60_000) >> 8) & 255}.${client++ & 255}.3`;

let baseUrl = '';
let restarts = 0;
/**
 * One API call. A request cut off by a worker restart (wrangler dev reloads when a source file
 * changes) is sent again once the stack is back, as a client would; checkouts carry their
 * Idempotency-Key, so a resent one is still one order. Restarts are counted in the report.
 */
async function api(p, { method = 'GET', token, json, headers = {}, expect: want = [200] } = {}) {
  const h = { ...headers, 'cf-connecting-ip': nextAddress() };
  if (token) h.authorization = `Bearer ${token}`;
  if (json !== undefined) h['content-type'] = 'application/json';
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(`${baseUrl}${p}`, { method, headers: h, body: json === undefined ? undefined : JSON.stringify(json) });
    } catch (err) {
      if (attempt >= 5) throw err;
    }
    if (res) {
      const text = await res.text();
      if (want.includes(res.status)) return text ? JSON.parse(text) : null;
      if (res.status !== 503 || attempt >= 5) throw new Error(`${method} ${p} → ${res.status}: ${text.slice(0, 300)}`);
    }
    restarts++;
    await sleep(500 * attempt);
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

async function settle(token, orderId, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const order = await api(`/v1/orders/${orderId}`, { token });
    if (order.status !== 'pending' && order.status !== 'awaiting_payment') return order;
    await sleep(25);
  }
  throw new Error(`order ${orderId} did not settle`);
}

/** Cheap SKUs of active products in one currency both a top-up provider and pay on delivery take. */
async function pickSkus(currency, count) {
  const picked = [];
  let cursor = null;
  for (let page = 0; page < 10 && picked.length < count; page++) {
    const listing = await api(`/v1/products?limit=50&sort=price_asc${cursor ? `&cursor=${cursor}` : ''}`);
    for (const summary of listing.items) {
      if (summary.price.currency !== currency || picked.length >= count) continue;
      const product = await api(`/v1/products/${summary.id}`);
      const sku = product.skus.find((s) => s.price.amount <= 10_000_00);
      if (sku) picked.push({ skuId: sku.id, price: sku.price.amount, vendorId: summary.vendor.id });
    }
    cursor = listing.nextCursor;
    if (!cursor) break;
  }
  if (!picked.length) throw new Error(`no affordable ${currency} SKU in the seeded catalog`);
  return picked;
}

async function setStock(sku, quantity) {
  const token = await mintDevToken({ userId: 'usr_benchvendor', role: 'vendor', vendorId: sku.vendorId });
  return api(`/v1/vendor/skus/${sku.skuId}/stock`, {
    method: 'PUT',
    token,
    json: { quantity },
    headers: { 'idempotency-key': `bench-stock-${sku.skuId}-${quantity}` },
  });
}

/** A shopper with a signed-in cart and, if `fund`, a wallet topped up through the Paystack sandbox. */
async function shopper(n, fund, currency) {
  const userId = `usr_bench${String(n).padStart(5, '0')}`;
  const token = await mintDevToken({ userId, role: 'shopper', expiresIn: '2h' });
  const { cartId } = await api('/v1/carts', { method: 'POST', token, expect: [200, 201] });
  if (fund > 0) {
    const { topUpId } = await api('/v1/wallet/topups', {
      method: 'POST',
      token,
      json: { amount: fund, currency, provider: 'paystack', phone: '+2348012345678' },
      headers: { 'idempotency-key': `bench-topup-${userId}` },
      expect: [202],
    });
    await api(`/v1/dev/payments/${topUpId}/approve`, { method: 'POST', token });
  }
  return { userId, token, cartId };
}

async function waitForFunds(s, currency, amount) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const wallet = await api('/v1/wallet', { token: s.token });
    if ((wallet.balances.find((b) => b.currency === currency)?.balance ?? 0) >= amount) return;
    await sleep(200);
  }
  throw new Error(`wallet of ${s.userId} was never funded`);
}

/**
 * A pickup station of the country: the bench's shoppers are tokens without an identity account,
 * so they have no saved address (checkout takes only the shopper's own), and collect at a station.
 */
async function stationIn(country) {
  const [station] = (await api(`/v1/pickup-stations?country=${country}`)).items;
  return station.id;
}

async function sustained(skus, currency, country) {
  const station = await stationIn(country);
  const fund = Math.min(1_000_000_00, Math.max(...skus.map((s) => s.price)) * 400);
  const shoppers = await mapLimit(
    Array.from({ length: opts.shoppers }, (_, i) => i),
    5,
    (i) => shopper(i, fund, currency),
  );
  await mapLimit(shoppers, 5, (s) => waitForFunds(s, currency, fund));
  const latencies = [];
  const outcomes = {};
  let n = 0;
  const started = performance.now();
  const meter = workerdMeter();
  const end = started + opts.duration * 1000;
  await Promise.all(
    shoppers.map(async (s) => {
      while (performance.now() < end) {
        const sku = skus[n++ % skus.length];
        await api(`/v1/carts/${s.cartId}/items`, {
          method: 'POST',
          token: s.token,
          json: { skuId: sku.skuId, quantity: 1 },
          expect: [201],
        });
        const t = performance.now();
        const { orderId } = await api('/v1/checkout', {
          method: 'POST',
          token: s.token,
          json: { cartId: s.cartId, pickupStationId: station, payment: { method: 'wallet' } },
          headers: { 'idempotency-key': `bench-${s.userId}-${n}-${Date.now()}` },
          expect: [202],
        });
        const order = await settle(s.token, orderId);
        outcomes[order.status] = (outcomes[order.status] ?? 0) + 1;
        if (order.status === 'confirmed') latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const workerd = meter();
  latencies.sort((a, b) => a - b);
  return {
    shoppers: opts.shoppers,
    seconds: round(seconds),
    confirmed: outcomes.confirmed ?? 0,
    outcomes,
    checkoutsPerMinute: round(((outcomes.confirmed ?? 0) / seconds) * 60),
    postToConfirmedMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? null),
    },
    // Everything a checkout costs the one workerd thread: the saga, its services, the queue consumers
    // after it (shipment, SMS, counts), the shopper's cart add and status polls.
    workerd: workerd && {
      oneCoreShare: workerd.oneCoreShare,
      cpuMsPerConfirmed: outcomes.confirmed ? round(workerd.cpuMs / outcomes.confirmed) : null,
    },
  };
}

/**
 * How fast the hot SKU's Inventory object took reserve calls: its own reservations table (read
 * from the local state after the burst, read-only) gives each reservation's time, so the rate is
 * reserve calls / span between the first and the last. Bounded by how fast checkouts reach their
 * reserve step on this machine, not by the object: a lower bound on what the object can do.
 */
async function inventoryRate(skuId, since) {
  const dir = path.join(persistDir, 'v3', 'do');
  if (!existsSync(dir)) return null;
  const { DatabaseSync } = await import('node:sqlite');
  for (const ns of readdirSync(dir).filter((d) => d.endsWith('-Inventory'))) {
    for (const file of readdirSync(path.join(dir, ns)).filter((f) => f.endsWith('.sqlite'))) {
      const db = new DatabaseSync(path.join(dir, ns, file), { readOnly: true });
      try {
        const sku = db.prepare('SELECT sku_id FROM stock LIMIT 1').get();
        if (sku?.sku_id !== skuId) continue;
        const r = db
          .prepare(
            'SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM reservations WHERE created_at >= ?',
          )
          .get(since);
        const spanMs = r.last - r.first;
        return { reserveCalls: r.n, spanMs, perSecond: spanMs > 0 ? round((r.n / spanMs) * 1000) : null };
      } catch {
        // Not an Inventory object of this shape: keep looking.
      } finally {
        db.close();
      }
    }
  }
  return null;
}

async function hotSku(sku, country) {
  await setStock(sku, opts.hotStock);
  const station = await stationIn(country);
  const since = Date.now();
  const shoppers = await mapLimit(
    Array.from({ length: opts.hotCheckouts }, (_, i) => 100_000 + i),
    25,
    async (i) => {
      const s = await shopper(i, 0);
      await api(`/v1/carts/${s.cartId}/items`, {
        method: 'POST',
        token: s.token,
        json: { skuId: sku.skuId, quantity: 1 },
        expect: [201],
      });
      return s;
    },
  );
  const started = performance.now();
  const accepted = await Promise.all(
    shoppers.map((s) =>
      api('/v1/checkout', {
        method: 'POST',
        token: s.token,
        json: { cartId: s.cartId, pickupStationId: station, payment: { method: 'pay_on_delivery', country } },
        headers: { 'idempotency-key': `bench-hot-${s.userId}` },
        expect: [202],
      }),
    ),
  );
  const acceptedMs = performance.now() - started;
  const orders = await mapLimit(shoppers, 50, (s, i) => settle(s.token, accepted[i].orderId, 300_000));
  const seconds = (performance.now() - started) / 1000;
  const level = await api(`/v1/vendor/skus/${sku.skuId}/stock`, {
    token: await mintDevToken({ userId: 'usr_benchvendor', role: 'vendor', vendorId: sku.vendorId }),
  });
  const confirmed = orders.filter((o) => o.status === 'confirmed').length;
  const outOfStock = orders.filter((o) => o.cancellation?.reason === 'out_of_stock').length;
  return {
    checkouts: opts.hotCheckouts,
    stock: opts.hotStock,
    confirmed,
    outOfStock,
    oversold: confirmed > opts.hotStock,
    finalLevel: level,
    allAcceptedMs: round(acceptedMs),
    seconds: round(seconds),
    // One reserve call per checkout on this one object, held or refused.
    checkoutsSettledPerSecond: round(opts.hotCheckouts / seconds),
    inventoryObject: await inventoryRate(sku.skuId, since),
  };
}

// ---- run ----

const startedAt = new Date();
const loadBefore = os.loadavg().map((l) => round(l, 2));
const persistDir = flags.persist ? path.resolve(flags.persist) : mkdtempSync(path.join(os.tmpdir(), 'linked-all-bench-'));
const keep = flags.keep || Boolean(flags.persist);
let stack;
let interrupted = false;
const cleanup = async () => {
  await stack?.stop();
  if (!keep) rmSync(persistDir, { recursive: true, force: true });
};
process.on('SIGINT', async () => {
  interrupted = true;
  console.error('\ninterrupted: stopping the stack');
  await cleanup();
  process.exit(130);
});

try {
  console.log(`Seeding ${opts.products} products into ${persistDir} …`);
  await runSeed(['--products', String(opts.products), '--persist', persistDir, '--reset']);
  stack =
    opts.runtime === 'workerd'
      ? await startMiniflareStack({ persistDir, withoutConsumers: opts.withoutConsumers })
      : await startWranglerStack({ persistDir });
  baseUrl = stack.url;
  const startupSeconds = round(stack.startupSeconds);
  console.log(`${stack.runtime}: stack up at ${baseUrl} in ${startupSeconds} s`);

  // NGN: Paystack tops wallets up in it, and Nigeria takes pay on delivery.
  const currency = 'NGN';
  const skus = await pickSkus(currency, 10);
  for (const sku of skus) await setStock(sku, 100_000);
  process.stdout.write(
    `sustained: ${opts.shoppers} shoppers × ${opts.duration} s of wallet checkouts over ${skus.length} SKUs … `,
  );
  const steady = await sustained(skus, currency, 'NG');
  console.log(`${steady.checkoutsPerMinute}/min, p99 ${steady.postToConfirmedMs.p99} ms`);

  const hot = skus[0];
  process.stdout.write(`hot SKU: ${opts.hotCheckouts} concurrent checkouts of ${hot.skuId} (stock ${opts.hotStock}) … `);
  const burst = await hotSku(hot, 'NG');
  console.log(`${burst.inventoryObject?.perSecond ?? '?'} reservations/s on the object, ${burst.confirmed} confirmed`);

  const report = {
    benchmark: 'checkout',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(loadBefore),
    options: opts,
    stack: { runtime: stack.runtime, startupSeconds },
    notes: [
      'workerd: every worker in one workerd through Miniflare (bench/lib/runtime.mjs), configured from each wrangler.toml; wrangler: the same behind `wrangler dev`.',
      'Everything (load generator, workerd with every worker, Workflows, Durable Objects, queues) shares one machine.',
      'sustained: each shopper adds one unit to its cart, checks out with its wallet and polls the status URL every 25 ms; latency is POST /v1/checkout → status confirmed.',
      'Wallets are funded through the real top-up path: POST /v1/wallet/topups (Paystack sandbox), approved via the sandbox dev route.',
      "hot SKU: all checkouts are posted at once. inventoryObject.perSecond = reserve calls / span between the first and last reservation in the object's own storage (read-only after the burst); checkoutsSettledPerSecond = checkouts / seconds until every order settled. Both are bounded by how fast sagas reach the object on this machine.",
      'Each request carries a synthetic client address (cf-connecting-ip), as the gateway rate-limits per client.',
      ...(opts.withoutConsumers.length
        ? [
            `Without the queue consumers of ${opts.withoutConsumers.join(', ')}: their messages wait in their queues, so the thread runs the checkout path alone (production runs each consumer in its own invocations).`,
          ]
        : []),
    ],
    sustained: steady,
    hotSku: burst,
    requestsResentAfterRestart: restarts,
  };
  const series = [{ label: 'POST → confirmed', latencyMs: steady.postToConfirmedMs }];
  const file = writeResult(flags.out, 'checkout', startedAt, report, series);
  console.log(`\n${JSON.stringify({ sustained: steady, hotSku: burst }, null, 2)}\n\n${terminalChart(series)}\n`);
  console.log(
    `checkout (${stack.runtime}${opts.withoutConsumers.length ? `, without ${opts.withoutConsumers.join(', ')} consumers` : ''}): ${steady.checkoutsPerMinute} confirmed/min, POST → confirmed p50 ${steady.postToConfirmedMs.p50} / p95 ${steady.postToConfirmedMs.p95} / p99 ${steady.postToConfirmedMs.p99} ms${steady.workerd ? ` (workerd thread ${Math.round(steady.workerd.oneCoreShare * 100)} % of a core, ${steady.workerd.cpuMsPerConfirmed} ms CPU per confirmed checkout)` : ''}; hot SKU ${burst.confirmed} confirmed of stock ${opts.hotStock}`,
  );
  console.log(`Wrote ${path.relative(process.cwd(), file)} (+ .svg)`);
} catch (err) {
  if (!interrupted) {
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await cleanup();
}
