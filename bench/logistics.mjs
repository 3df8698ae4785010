#!/usr/bin/env node
// Logistics benchmark: the logistics worker built exactly as `wrangler deploy` bundles it, run in
// Miniflare (workerd) with the bindings of its own wrangler.toml and a migrated local D1.
//   (a) courier status webhooks: signed Sendy-style POSTs (HMAC-SHA256 of the raw body), each
//       verified, recorded once and applied as a shipment move (conditional UPDATE + audit row +
//       outbox event in one batch): status updates/s and latency at concurrency 1 and N;
//   (b) public tracking `GET /v1/track/:code` (shipment + station + timeline): p50/p95/p99 and req/s.
// The moves measured (in_transit, out_for_delivery) are logistics' own: pickup and delivery also
// call orders and payments, which the checkout benchmark measures. Starts its own Miniflare on a
// temp state dir and always disposes of it.
//
//   pnpm bench:logistics [--shipments 300] [--lookups 1000] [--concurrency 20]
//
// Writes bench/results/logistics-<ISO date>.json and prints a table.

import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, runWrangler } from '../scripts/lib/dev-stack.mjs';
import { driveTasks as drive } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = 'workers/logistics/wrangler.toml';
const { values: flags } = parseArgs({
  options: {
    shipments: { type: 'string', default: '300' },
    lookups: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '20' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const SHIPMENTS = Number(flags.shipments);
const LOOKUPS = Number(flags.lookups);
const CONCURRENCY = Number(flags.concurrency);

const requireFromWrangler = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler'));
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(requireFromWrangler.resolve('miniflare')).href);
const { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } = await import(
  pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler')).href
);

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const rand = (n, alphabet) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => alphabet[b % 32]).join('');
const id = (prefix) => `${prefix}_${rand(26, ALPHABET)}`;
const trackingCode = () => `LA-${rand(4, CROCKFORD)}-${rand(4, CROCKFORD)}`;

const state = mkdtempSync(path.join(os.tmpdir(), 'logistics-bench-'));
const outdir = path.join(state, 'build');
let mf;
try {
  await runWrangler(['deploy', '--dry-run', '--outdir', outdir, '-c', CONFIG]);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, CONFIG));
  mf = new Miniflare(
    convertV4MiniflareOptions({
      // Miniflare 5's name for a persist root (d1Persist and friends are gone).
      resourcePersistencePath: path.join(state, 'v3'),
      handleStructuredLogs({ level, message }) {
        if (level === 'warn' || level === 'error') process.stderr.write(`${message}\n`);
      },
      workers: [
        {
          ...workerOptions,
          name: 'linked-all-logistics',
          modulesRoot: outdir,
          modules: readdirSync(outdir)
            .filter((f) => f.endsWith('.js'))
            .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
            .map((f) => ({ type: 'ESModule', path: path.join(outdir, f) })),
          bindings: { ...workerOptions.bindings, ENVIRONMENT: 'development' },
          // Metrics and log lines go to Analytics Engine / Workers Logs as deployed (bench/lib/runtime.mjs
          // buildWorker): the development D1 sink is a write per request no deployed worker pays.
          d1Databases: { DB: workerOptions.d1Databases.DB },
          // The moves measured here never call orders or payments; they are not started.
          serviceBindings: {},
          // order-events has no producer here; nothing to consume.
          queueConsumers: {},
        },
      ],
    }),
  );
  const db = await mf.getD1Database('DB');
  const migrations = path.join(ROOT, 'migrations/logistics');
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = unstable_splitSqlQuery(readFileSync(path.join(migrations, file), 'utf8'));
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }

  // Shipments picked up by the carrier (home deliveries in Nairobi and station parcels in Lagos).
  const now = Date.now();
  const shipments = Array.from({ length: SHIPMENTS }, (_, i) => ({
    id: id('shp'),
    trackingCode: trackingCode(),
    carrierRef: `SND${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    station: i % 2 === 0 ? null : 'pks_ng001lagos',
  }));
  for (let i = 0; i < shipments.length; i += 50) {
    await db.batch(
      shipments.slice(i, i + 50).flatMap((s) => [
        db
          .prepare(
            `INSERT INTO shipments (id, tracking_code, order_id, vendor_order_id, vendor_id, user_id, method, shipping_address_id,
                                    pickup_station_id, status, payment_method, cod_amount, currency, carrier, carrier_ref, code_hash,
                                    created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'picked_up', 'wallet', 0, 'KES', 'sendy', ?, ?, ?, ?)`,
          )
          .bind(
            s.id,
            s.trackingCode,
            id('ord'),
            id('vor'),
            id('vnd'),
            id('usr'),
            s.station ? 'station' : 'home',
            s.station ? null : id('adr'),
            s.station,
            s.carrierRef,
            '0'.repeat(64),
            now,
            now,
          ),
        db
          .prepare(
            "INSERT INTO shipment_transitions (id, shipment_id, from_status, to_status, actor, created_at) VALUES (?, ?, 'awaiting_pickup', 'picked_up', 'bench', ?)",
          )
          .bind(id('str'), s.id, now),
      ]),
    );
  }

  // (a) Two carrier webhooks per shipment: in transit, then out for delivery (home) or arrived at the station.
  const secret = workerOptions.bindings.COURIER_SENDY_WEBHOOK_SECRET;
  const hook = (s, status) => {
    const body = JSON.stringify({
      event_id: `evt_${randomUUID()}`,
      event: 'order.status_changed',
      order_no: s.carrierRef,
      external_reference: s.trackingCode,
      status,
      timestamp: new Date().toISOString(),
    });
    return { body, signature: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
  };
  const post = async ({ body, signature }) => {
    const response = await mf.dispatchFetch('https://logistics.internal/v1/webhooks/courier/sendy', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sendy-signature': signature },
      body,
    });
    const answer = await response.json();
    if (response.status !== 200 || !answer.applied)
      throw new Error(`webhook answered ${response.status}: ${JSON.stringify(answer)}`);
  };
  const half = Math.floor(SHIPMENTS / 2);
  const inTransitSequential = await drive(half, 1, (i) => post(hook(shipments[i], 'in_transit')));
  const inTransitConcurrent = await drive(SHIPMENTS - half, CONCURRENCY, (i) => post(hook(shipments[half + i], 'in_transit')));
  const lastMile = await drive(SHIPMENTS, CONCURRENCY, (i) =>
    post(hook(shipments[i], shipments[i].station ? 'arrived_at_station' : 'out_for_delivery')),
  );
  const moved = await db
    .prepare("SELECT count(*) AS n FROM shipments WHERE status IN ('out_for_delivery', 'at_station')")
    .first('n');
  const events = await db.prepare("SELECT count(*) AS n FROM outbox WHERE type LIKE 'shipment.%'").first('n');
  // A replay of an applied event is acknowledged without a move.
  const replay = hook(shipments[0], 'in_transit');
  const replayed = await drive(50, CONCURRENCY, async () => {
    const response = await mf.dispatchFetch('https://logistics.internal/v1/webhooks/courier/sendy', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sendy-signature': replay.signature },
      body: replay.body,
    });
    await response.arrayBuffer();
  });

  // (b) Public tracking.
  const track = async (i) => {
    const response = await mf.dispatchFetch(`https://logistics.internal/v1/track/${shipments[i % SHIPMENTS].trackingCode}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`tracking answered ${response.status}`);
  };
  await drive(50, 5, track); // warm-up
  const trackingSequential = await drive(Math.floor(LOOKUPS / 2), 1, track);
  const trackingConcurrent = await drive(LOOKUPS, CONCURRENCY, track);

  const results = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    runtime: 'Miniflare (workerd), local D1 (SQLite on disk), built worker',
    courierWebhooks: {
      shipments: SHIPMENTS,
      'in_transit, concurrency 1 (ms)': inTransitSequential,
      [`in_transit, concurrency ${CONCURRENCY} (ms)`]: inTransitConcurrent,
      [`out_for_delivery | arrived_at_station, concurrency ${CONCURRENCY} (ms)`]: lastMile,
      [`replayed event, concurrency ${CONCURRENCY} (ms)`]: replayed,
      movedToLastMile: moved,
      shipmentEvents: events,
    },
    tracking: {
      'GET /v1/track/:code, concurrency 1 (ms)': trackingSequential,
      [`GET /v1/track/:code, concurrency ${CONCURRENCY} (ms)`]: trackingConcurrent,
    },
  };
  mkdirSync(flags.out, { recursive: true });
  const file = path.join(flags.out, `logistics-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`logistics (${results.machine.cpus} cpus, ${results.runtime})`);
  console.table({
    'webhook in_transit c=1': inTransitSequential,
    [`webhook in_transit c=${CONCURRENCY}`]: inTransitConcurrent,
    [`webhook last mile c=${CONCURRENCY}`]: lastMile,
    [`webhook replay c=${CONCURRENCY}`]: replayed,
    'tracking c=1': trackingSequential,
    [`tracking c=${CONCURRENCY}`]: trackingConcurrent,
  });
  console.log(`shipments moved to the last mile: ${moved}/${SHIPMENTS}; shipment.* events written: ${events}`);
  console.log(`→ ${path.relative(ROOT, file)}`);
  if (moved !== SHIPMENTS || events !== SHIPMENTS * 2) process.exitCode = 1;
} finally {
  await mf?.dispose();
  rmSync(state, { recursive: true, force: true });
}
