#!/usr/bin/env node
// Notifications benchmark: the notifications and identity workers built exactly as `wrangler deploy`
// bundles them, run together in Miniflare (workerd) with the bindings of their own wrangler.toml
// and migrated local D1s. A feeder worker publishes `order.confirmed` events to the real
// notification-events queue (as orders' outbox relay does); each event becomes two SMS (shopper and
// vendor), each rendered, claimed once and "sent" through the Africa's Talking sandbox adapter.
//   - messages/s through the queue: SMS in the sandbox / (last SMS − first event sent);
//   - event-to-sandbox latency per SMS (p50/p95/p99): sandbox row time − the event's send time;
//   - then, with live pages open (WebSockets to /v1/me/live, as the shop's /live.js opens them),
//     event-to-live-socket latency (p50/p95/p99): the order update's arrival on the buyer's open
//     socket − the event's send time (the update is announced before the messages are sent).
// Starts its own Miniflare on a temp state dir and always disposes of it.
//
//   pnpm bench:notifications [--events 300] [--shoppers 50] [--live-pages 20] [--live-events 100]
//
// Writes bench/results/notifications-<ISO date>.json and prints a table.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mintDevToken } from '../packages/auth/src/dev-keys.ts';
import { ROOT } from '../scripts/lib/dev-stack.mjs';
import { machine, table, writeResult } from './lib/report.mjs';
import { buildWorker } from './lib/runtime.mjs';
import { latencySummary, round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '300' },
    shoppers: { type: 'string', default: '50' },
    'live-pages': { type: 'string', default: '20' },
    'live-events': { type: 'string', default: '100' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const EVENTS = Number(flags.events);
const SHOPPERS = Number(flags.shoppers);
const LIVE_PAGES = Math.min(Number(flags['live-pages']), SHOPPERS);
const LIVE_EVENTS = Number(flags['live-events']);

const requireFromWrangler = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler'));
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(requireFromWrangler.resolve('miniflare')).href);
const { unstable_splitSqlQuery } = await import(
  pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler')).href
);

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const rand = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => ALPHABET[b % 32]).join('');
const id = (prefix) => `${prefix}_${rand(26)}`;

// The feeder stands for orders' outbox relay: POST a JSON array of events, it sends them as one batch.
// It also stands for the gateway's /live: a socket opened on /live?token= goes to notifications'
// /v1/me/live with that bearer token (a Node WebSocket cannot set headers).
const FEEDER = `export default { async fetch(request, env) {
  const url = new URL(request.url);
  if (url.pathname === '/live') {
    const headers = new Headers(request.headers);
    headers.set('authorization', 'Bearer ' + url.searchParams.get('token'));
    return env.NOTIFICATIONS.fetch(new Request('https://notifications.internal/v1/me/live', { headers }));
  }
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
          serviceBindings: { NOTIFICATIONS: 'linked-all-notifications' },
        },
        // Orders and logistics answer only SMS ACCEPT / RESEND, which this bench never sends.
        {
          ...notifications,
          bindings: { ...notifications.bindings, ENVIRONMENT: 'development' },
          serviceBindings: { IDENTITY: notifications.serviceBindings.IDENTITY },
        },
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

  const confirmed = (shopper, j) => ({
    id: crypto.randomUUID(),
    type: 'order.confirmed',
    version: 1,
    occurredAt: new Date().toISOString(),
    data: {
      orderId: id('ord'),
      userId: shopper.id,
      amount: 150_000 + j,
      currency: 'KES',
      paymentMethod: 'wallet',
      vendorOrders: [{ vendorOrderId: id('vor'), vendorId: vendor.id, subtotal: 150_000 + j }],
    },
  });
  const feed = async (events) => {
    const res = await fetch(new URL('/', url), { method: 'POST', body: JSON.stringify(events) });
    if (!res.ok) throw new Error(`feeder: ${res.status}`);
  };

  // Events in batches of 25 (a relay's page), each event's send time kept by its order ref.
  const sentAt = new Map();
  const firstSent = Date.now();
  for (let i = 0; i < EVENTS; i += 25) {
    const events = [];
    for (let j = i; j < Math.min(EVENTS, i + 25); j++) events.push(confirmed(shoppers[j % SHOPPERS], j));
    const t = Date.now();
    for (const e of events) {
      sentAt.set(e.data.orderId.slice(-8).toUpperCase(), t);
      sentAt.set(e.data.vendorOrders[0].vendorOrderId.slice(-8).toUpperCase(), t);
    }
    await feed(events);
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

  // Live: the first LIVE_PAGES shoppers open a page; events for them, a few at a time (a steady
  // trickle, not a burst), each timed from its send to the order update on the buyer's socket.
  const liveAt = new Map();
  const sockets = await Promise.all(
    shoppers.slice(0, LIVE_PAGES).map(async (shopper) => {
      const token = await mintDevToken({ userId: shopper.id, role: 'shopper', expiresIn: '1h' });
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}live?token=${token}`);
      socket.addEventListener('message', (e) => {
        const m = JSON.parse(String(e.data));
        if (m.kind === 'order' && !liveAt.has(m.orderId)) liveAt.set(m.orderId, Date.now());
      });
      await new Promise((resolve, reject) => {
        socket.addEventListener('open', resolve, { once: true });
        socket.addEventListener('error', reject, { once: true });
      });
      return socket;
    }),
  );
  const liveSent = new Map();
  for (let i = 0; i < LIVE_EVENTS; i += 5) {
    const events = [];
    for (let j = i; j < Math.min(LIVE_EVENTS, i + 5); j++) events.push(confirmed(shoppers[j % LIVE_PAGES], EVENTS + j));
    const t = Date.now();
    for (const e of events) liveSent.set(e.data.orderId, t);
    await feed(events);
    await new Promise((r) => setTimeout(r, 250));
  }
  const liveDeadline = Date.now() + 120_000;
  while (liveAt.size < LIVE_EVENTS && Date.now() < liveDeadline) await new Promise((r) => setTimeout(r, 100));
  for (const socket of sockets) socket.close(1000, 'done');
  const liveLatencies = [...liveSent].filter(([o]) => liveAt.has(o)).map(([o, t]) => liveAt.get(o) - t);
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
    livePages: LIVE_PAGES,
    liveEvents: LIVE_EVENTS,
    liveReceived: liveLatencies.length,
    eventToLiveSocketMs: latencySummary(liveLatencies),
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
  const live = report.eventToLiveSocketMs;
  console.log(
    table([
      ['live pages', 'events', 'received', 'p50 ms', 'p95 ms', 'p99 ms'],
      [LIVE_PAGES, LIVE_EVENTS, report.liveReceived, live.p50, live.p95, live.p99],
    ]),
  );
  console.log(`wrote ${writeResult(flags.out, 'notifications', startedAt, report)}`);
} finally {
  await mf?.dispose();
  rmSync(state, { recursive: true, force: true });
}
