#!/usr/bin/env node
// Payments benchmark: the payments worker built exactly as `wrangler deploy` bundles it, run in
// Miniflare (workerd) with the bindings of its own wrangler.toml and a migrated local D1.
//   (a) wallet debit: `authorize` over Service Binding RPC (one journal entry per order, with
//       the guarded balance check inside the insert), latency and ops/s at concurrency 1 and 20;
//   (b) Paystack webhooks end to end: signed `charge.success` POSTs for pending top-ups, timed
//       from the first POST until every top-up is credited (through whatever the webhook path
//       does today: verify, record, queue, status query, ledger).
// Starts its own Miniflare on a temp state dir and always disposes of it.
//
//   pnpm bench:payments [--debits 400] [--webhooks 300] [--concurrency 20]
//
// Writes bench/results/payments-<ISO date>.json and prints a table.

import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mintDevToken } from '../packages/auth/src/dev-keys.ts';
import { ROOT, runWrangler } from '../scripts/lib/dev-stack.mjs';
import { buildWorker } from './lib/runtime.mjs';
import { driveTasks as drive } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = 'workers/payments/wrangler.toml';
const { values: flags } = parseArgs({
  options: {
    debits: { type: 'string', default: '400' },
    webhooks: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '20' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const DEBITS = Number(flags.debits);
const WEBHOOKS = Number(flags.webhooks);
const CONCURRENCY = Number(flags.concurrency);

// Miniflare is the one wrangler bundles, so its workerd is the one the tests run on.
const requireFromWrangler = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler'));
// Miniflare 5 takes a new option shape; wrangler still describes a worker in the v4 one.
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(requireFromWrangler.resolve('miniflare')).href);
const { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } = await import(
  pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler')).href
);

// Base32 ids like packages/http newId(), so the worker's id patterns accept them.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const id = (prefix) => `${prefix}_${Array.from(crypto.getRandomValues(new Uint8Array(26)), (b) => ALPHABET[b % 32]).join('')}`;

const state = mkdtempSync(path.join(os.tmpdir(), 'payments-bench-'));
const outdir = path.join(state, 'build');
async function identityWithoutSms() {
  const identity = await buildWorker('workers/identity/wrangler.toml', path.join(state, 'deps'));
  const { NOTIFICATIONS: _sms, ...serviceBindings } = identity.serviceBindings ?? {};
  return { ...identity, serviceBindings };
}

let mf;
try {
  await runWrangler(['deploy', '--dry-run', '--outdir', outdir, '-c', CONFIG]);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, CONFIG));
  mf = new Miniflare(
    convertV4MiniflareOptions({
      // Miniflare 5's name for a persist root (d1Persist and friends are gone).
      resourcePersistencePath: path.join(state, 'v3'),
      // The worker's info logs would drown the table; its warnings and errors still show.
      handleStructuredLogs({ level, message }) {
        if (level === 'warn' || level === 'error') process.stderr.write(`${message}\n`);
      },
      workers: [
        {
          ...workerOptions,
          name: 'linked-all-payments',
          modulesRoot: outdir,
          modules: readdirSync(outdir)
            .filter((f) => f.endsWith('.js'))
            .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
            .map((f) => ({ type: 'ESModule', path: path.join(outdir, f) })),
          bindings: { ...workerOptions.bindings, ENVIRONMENT: 'development' },
          // Metrics and log lines go to Analytics Engine / Workers Logs as deployed (bench/lib/runtime.mjs
          // buildWorker): the development D1 sink is a write per request no deployed worker pays.
          d1Databases: { DB: workerOptions.d1Databases.DB },
        },
        // Payments binds identity (a shop's payout phone); it runs beside it, built as deployed,
        // without its NOTIFICATIONS binding: it sends SMS only for codes and invitations, never here.
        await identityWithoutSms(),
      ],
    }),
  );
  const payments = await mf.getWorker('linked-all-payments');
  const db = await mf.getD1Database('DB');
  // The migrations, in order, each file as one batch (one transaction), as `d1 migrations apply` does.
  const migrations = path.join(ROOT, 'migrations/payments');
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = unstable_splitSqlQuery(readFileSync(path.join(migrations, file), 'utf8'));
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }

  // (a) Wallet debits. Shoppers are funded straight in the ledger (a balanced top-up entry each),
  // so the measurement is the debit alone.
  const SHOPPERS = 50;
  const shoppers = Array.from({ length: SHOPPERS }, () => id('usr'));
  const clearing = id('acc');
  const now = Date.now();
  await db
    .prepare("INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES (?, 'provider_clearing', 'mpesa', 'KES', ?)")
    .bind(clearing, now)
    .run();
  await db.batch(
    shoppers.flatMap((userId) => {
      const wallet = id('acc');
      const entry = id('jre');
      return [
        db
          .prepare("INSERT INTO accounts (id, kind, owner_id, currency, created_at) VALUES (?, 'shopper_wallet', ?, 'KES', ?)")
          .bind(wallet, userId, now),
        db
          .prepare("INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES (?, ?, 'topup', ?)")
          .bind(entry, `topup:${entry}`, now),
        db
          .prepare(
            "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 0, ?, -1000000000, 'KES')",
          )
          .bind(entry, clearing),
        db
          .prepare(
            "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 1, ?, 1000000000, 'KES')",
          )
          .bind(entry, wallet),
      ];
    }),
  );
  const vendors = Array.from({ length: 10 }, () => id('vnd'));
  const order = (i) => ({
    orderId: id('ord'),
    userId: shoppers[i % SHOPPERS],
    amount: 150_000,
    currency: 'KES',
    vendorOrders: [
      {
        vendorOrderId: id('vor'),
        vendorId: vendors[i % 10],
        lines: [{ categoryId: 'cat_01hpzak400w5d087fj346xnbya', amount: 100_000 }],
      },
      {
        vendorOrderId: id('vor'),
        vendorId: vendors[(i + 3) % 10],
        lines: [{ categoryId: 'cat_01hpzak400mtab6v52q9jm29th', amount: 50_000 }],
      },
    ],
  });
  const authorize = async (i) => {
    const result = await payments.authorize(order(i));
    if (!result.ok) throw new Error(`authorize refused: ${JSON.stringify(result)}`);
  };
  await drive(50, 5, authorize); // warm-up
  // The floor of this harness: an RPC that does almost nothing (a capture of an unknown order:
  // one no-op write batch and one read), so the debit numbers can be read against it.
  const baseline = (n, concurrency) => drive(n, concurrency, () => payments.capture({ orderId: id('ord') }));
  const floorSequential = await baseline(DEBITS / 2, 1);
  const floorConcurrent = await baseline(DEBITS, CONCURRENCY);
  const debitSequential = await drive(DEBITS, 1, authorize);
  const debitConcurrent = await drive(DEBITS * 2, CONCURRENCY, authorize);

  // (b) Paystack webhooks. Each top-up is started through the real route (the Paystack sandbox
  // records the charge), paid at the "provider", then its signed charge.success is POSTed.
  const secret = workerOptions.bindings.PAYSTACK_SECRET_KEY;
  const token = await mintDevToken({ userId: shoppers[0], role: 'shopper' });
  const references = [];
  for (let i = 0; i < WEBHOOKS; i++) {
    const response = await mf.dispatchFetch('https://payments.internal/v1/wallet/topups', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ amount: 250_000, currency: 'NGN', provider: 'paystack', phone: '+2348012345678' }),
    });
    const body = await response.json();
    if (response.status >= 300) throw new Error(`top-up answered ${response.status}: ${JSON.stringify(body)}`);
    // Our top-up id is the Paystack reference.
    references.push(body.topUpId);
  }
  // The shopper pays at Paystack (what the dev "approve" action does, without its callback).
  await db
    .prepare("UPDATE sandbox_charges SET status = 'paid', updated_at = ? WHERE provider = 'paystack'")
    .bind(Date.now())
    .run();
  const bodies = references.map((reference) =>
    JSON.stringify({
      event: 'charge.success',
      data: {
        id: Math.floor(Math.random() * 1e9),
        domain: 'test',
        status: 'success',
        reference,
        amount: 250_000,
        currency: 'NGN',
        channel: 'mobile_money',
      },
    }),
  );
  const credited = async () =>
    (await db.prepare("SELECT count(*) AS n FROM topups WHERE provider = 'paystack' AND status = 'paid'").first('n')) ?? 0;
  const webhookStarted = performance.now();
  const ack = await drive(WEBHOOKS, CONCURRENCY, async (i) => {
    const response = await mf.dispatchFetch('https://payments.internal/v1/webhooks/paystack', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-paystack-signature': createHmac('sha512', secret).update(bodies[i]).digest('hex'),
      },
      body: bodies[i],
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  });
  let done = await credited();
  const deadline = Date.now() + 120_000;
  while (done < WEBHOOKS && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    done = await credited();
  }
  const endToEndSeconds = (performance.now() - webhookStarted) / 1000;
  const balanced =
    (await db
      .prepare('SELECT count(*) AS n FROM (SELECT currency FROM journal_lines GROUP BY currency HAVING sum(amount) <> 0)')
      .first('n')) === 0;

  const results = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    runtime: 'Miniflare (workerd), local D1 (SQLite on disk), built worker',
    walletDebit: {
      'authorize, concurrency 1 (ms)': debitSequential,
      [`authorize, concurrency ${CONCURRENCY} (ms)`]: debitConcurrent,
      'baseline: capture of an unknown order, concurrency 1 (ms)': floorSequential,
      [`baseline: capture of an unknown order, concurrency ${CONCURRENCY} (ms)`]: floorConcurrent,
    },
    paystackWebhooks: {
      sent: WEBHOOKS,
      credited: done,
      'ack (ms)': ack,
      endToEndSeconds: Math.round(endToEndSeconds * 100) / 100,
      creditedPerSecond: Math.round((done / endToEndSeconds) * 10) / 10,
    },
    ledgerBalanced: balanced,
  };
  mkdirSync(flags.out, { recursive: true });
  const file = path.join(flags.out, `payments-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`payments (${results.machine.cpus} cpus, ${results.runtime})`);
  console.table({ ...results.walletDebit, [`webhook ack, concurrency ${CONCURRENCY} (ms)`]: ack });
  console.log(
    `paystack webhooks: ${done}/${WEBHOOKS} credited in ${results.paystackWebhooks.endToEndSeconds} s = ${results.paystackWebhooks.creditedPerSecond}/s end to end; ledger balanced: ${balanced}`,
  );
  console.log(`→ ${path.relative(ROOT, file)}`);
  if (done < WEBHOOKS || !balanced) process.exitCode = 1;
} finally {
  await mf?.dispose();
  rmSync(state, { recursive: true, force: true });
}
