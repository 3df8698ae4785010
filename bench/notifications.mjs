#!/usr/bin/env node
// Notifications benchmark: the notifications and identity workers built exactly as `wrangler deploy`
// bundles them, run together in Miniflare (workerd) with the bindings of their own wrangler.toml
// and migrated local D1s. A feeder worker publishes `order.confirmed` events to the real
// notification-events queue (as orders' outbox relay does); each event becomes two SMS (shopper and
// vendor), each rendered, claimed once and "sent" through the Africa's Talking sandbox adapter.
//   - messages/s through the queue: SMS in the sandbox / (last SMS − first event sent);
//   - event-to-sandbox latency per SMS (p50/p95/p99): sandbox row time − the event's send time.
// Starts its own Miniflare on a temp state dir and always disposes of it.
//
//   pnpm bench:notifications [--events 300] [--shoppers 50]
//
// Writes bench/results/notifications-<ISO date>.json and prints a table.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from '../scripts/lib/dev-stack.mjs';
import { machine, table, writeResult } from './lib/report.mjs';
import { buildWorker } from './lib/runtime.mjs';
import { latencySummary, round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '300' },
    shoppers: { type: 'string', default: '50' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const EVENTS = Number(flags.events);
const SHOPPERS = Number(flags.shoppers);

const requireFromWrangler = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler'));
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(requireFromWrangler.resolve('miniflare')).href);
const { unstable_splitSqlQuery } = await import(
  pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler')).href
);

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const rand = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => ALPHABET[b % 32]).join('');
const id = (prefix) => `${prefix}_${rand(26)}`;

// The feeder stands for orders' outbox relay: POST a JSON array of events, it sends them as one batch.
const FEEDER = `export default { async fetch(request, env) {
  const events = await request.json();
  await env.EVENTS.sendBatch(events.map((body) => ({ body, contentType: 'json' })));
  return new Response('ok');
} }`;

async function migrate(db, service) {
  const dir = path.join(ROOT, 'migrations', service);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = unstable_splitSqlQuery(readFileSync(path.join(dir, file), 'utf8'));
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }
}

const startedAt = new Date();
const loadBefore = os.loadavg()[0];
const state = mkdtempSync(path.join(os.tmpdir(), 'notifications-bench-'));
let mf;
try {
  const buildDir = path.join(state, 'build');
  const notifications = await buildWorker('workers/notifications/wrangler.toml', buildDir);
  const identity = await buildWorker('workers/identity/wrangler.toml', buildDir);
  mf = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: path.join(state, 'v3'),
      handleStructuredLogs({ level, message }) {
        if (level === 'error') process.stderr.write(`${message}\n`);
      },
      workers: [
        {
          name: 'feeder',
          modules: true,
          script: FEEDER,
          compatibilityDate: '2026-08-01',
          queueProducers: { EVENTS: { queueName: 'notification-events' } },
        },
        { ...notifications, bindings: { ...notifications.bindings, ENVIRONMENT: 'development' } },
        { ...identity, bindings: { ...identity.bindings, ENVIRONMENT: 'development' } },
      ],
    }),
  );
  const url = (await mf.ready).href;
  const db = await mf.getD1Database('DB', 'linked-all-notifications');
  const idb = await mf.getD1Database('DB', 'linked-all-identity');
  await migrate(db, 'notifications');
  await migrate(idb, 'identity');

  // Shoppers (Kenyan numbers, a mix of languages) and one shop whose owner gets every "new order".
  const now = Date.now();
  const shoppers = Array.from({ length: SHOPPERS }, (_, i) => ({
    id: id('usr'),
    phone: `+2547${String(10_000_000 + i).padStart(8, '0')}`,
    language: ['en', 'fr', 'sw'][i % 3],
  }));
  const vendor = { id: id('vnd'), owner: id('usr'), phone: '+254799000001' };
  await idb.batch([
    idb
      .prepare(
        "INSERT INTO vendors (id, business_name, country, currency, payout_phone, status, created_at, updated_at) VALUES (?, 'Bench shop', 'KE', 'KES', ?, 'approved', ?, ?)",
      )
      .bind(vendor.id, vendor.phone, now, now),
    idb
      .prepare(
        "INSERT INTO users (id, phone, name, role, vendor_id, created_at, updated_at) VALUES (?, ?, 'Bench vendor', 'vendor', ?, ?, ?)",
      )
      .bind(vendor.owner, vendor.phone, vendor.id, now, now),
    idb
      .prepare("INSERT INTO vendor_staff (vendor_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)")
      .bind(vendor.id, vendor.owner, now),
    ...shoppers.map((s) =>
      idb
        .prepare(
          "INSERT INTO users (id, phone, name, language, role, created_at, updated_at) VALUES (?, ?, 'Bench shopper', ?, 'shopper', ?, ?)",
        )
        .bind(s.id, s.phone, s.language, now, now),
    ),
  ]);

  // Events in batches of 25 (a relay's page), each event's send time kept by its order ref.
  const sentAt = new Map();
  const firstSent = Date.now();
  for (let i = 0; i < EVENTS; i += 25) {
    const events = [];
    for (let j = i; j < Math.min(EVENTS, i + 25); j++) {
      const shopper = shoppers[j % SHOPPERS];
      const orderId = id('ord');
      events.push({
        id: crypto.randomUUID(),
        type: 'order.confirmed',
        version: 1,
        occurredAt: new Date().toISOString(),
        data: {
          orderId,
          userId: shopper.id,
          amount: 150_000 + j,
          currency: 'KES',
          paymentMethod: 'wallet',
          vendorOrders: [{ vendorOrderId: id('vor'), vendorId: vendor.id, subtotal: 150_000 + j }],
        },
      });
    }
    const t = Date.now();
    for (const e of events) {
      sentAt.set(e.data.orderId.slice(-8).toUpperCase(), t);
      sentAt.set(e.data.vendorOrders[0].vendorOrderId.slice(-8).toUpperCase(), t);
    }
    const res = await fetch(new URL('/', url), { method: 'POST', body: JSON.stringify(events) });
    if (!res.ok) throw new Error(`feeder: ${res.status}`);
  }

  const expected = EVENTS * 2;
  const deadline = Date.now() + 300_000;
  let count = 0;
  while (Date.now() < deadline) {
    count = (await db.prepare('SELECT count(*) AS n FROM sms_sandbox').first()).n;
    if (count >= expected) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const { results } = await db.prepare('SELECT body, created_at FROM sms_sandbox').all();
  const latencies = [];
  let last = 0;
  for (const row of results) {
    last = Math.max(last, row.created_at);
    const ref = row.body.match(/\b[0-9A-Z]{8}\b/g)?.find((r) => sentAt.has(r));
    if (ref) latencies.push(row.created_at - sentAt.get(ref));
  }
  const seconds = (last - firstSent) / 1000;
  const report = {
    benchmark: 'notifications',
    machine: machine(loadBefore),
    runtime: 'workerd (Miniflare API)',
    events: EVENTS,
    smsExpected: expected,
    smsSent: count,
    seconds: round(seconds),
    messagesPerSecond: round(count / seconds),
    eventToSandboxMs: latencySummary(latencies),
  };
  console.log(
    table([
      ['events', 'SMS', 'seconds', 'messages/s', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        EVENTS,
        `${count}/${expected}`,
        report.seconds,
        report.messagesPerSecond,
        report.eventToSandboxMs.p50,
        report.eventToSandboxMs.p95,
        report.eventToSandboxMs.p99,
      ],
    ]),
  );
  console.log(`wrote ${writeResult(flags.out, 'notifications', startedAt, report)}`);
} finally {
  await mf?.dispose();
  rmSync(state, { recursive: true, force: true });
}
