#!/usr/bin/env node
// `pnpm dev`: the whole marketplace locally, offline.
//   1. applies every worker's D1 migrations to .wrangler/state (repository root),
//   2. seeds 2,000 products there if the catalog is empty,
//   3. runs every worker in one `wrangler dev -c wrangler.toml -c workers/<each>/wrangler.toml`
//      (the first config is primary: it gets the port and its .wrangler/state holds all state),
//   4. funds the demo shoppers' wallets through the payment sandboxes (idempotent),
//   5. forwards Ctrl-C to the whole process group (wrangler and its workerd).
//
//   pnpm dev [--port 8787] [--products 2000]

import { parseArgs } from 'node:util';
import { fundDemoWallets } from './lib/demo-wallets.mjs';
import { DEFAULT_PERSIST_DIR, DEV_CONFIGS, runSeed, startDev, waitForHttp } from './lib/dev-stack.mjs';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    products: { type: 'string', default: '2000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log('Usage: pnpm dev [--port 8787] [--products 2000]   (products: seeded only when the catalog is empty)');
  process.exit(0);
}
const port = Number(flags.port);

console.log(`Preparing local state in ${DEFAULT_PERSIST_DIR} …`);
// Migrations first, then the demo catalog unless there already is one.
await runSeed(['--products', flags.products, '--if-empty']);

console.log(`Starting ${DEV_CONFIGS.join(' + ')} …`);
// stdin is not passed on: wrangler runs in its own process group (so one signal
// stops it and its workerd), and reading the terminal from there would stop it.
const dev = startDev({ port, stdio: 'inherit' });

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await dev.stop();
  process.exit(code);
}
// Stopping on request is a clean exit (pnpm would otherwise report a failed command).
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
dev.child.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`wrangler dev exited (${code ?? signal})`);
  shutdown(code ?? 1);
});

try {
  await waitForHttp(`http://localhost:${port}/v1/health`, { status: 200, timeoutMs: 120_000, child: dev.child });
  // Money only moves through the running payments worker, so the wallets are funded now, not at seed time.
  // A failure here leaves the marketplace running, just without demo money.
  await fundDemoWallets(`http://localhost:${port}`).then(
    (credited) => credited > 0 && console.log(`Funded ${credited} demo wallet balances through the payment sandboxes`),
    (err) => console.warn(`Demo wallets not funded: ${err instanceof Error ? err.message : err}`),
  );
  console.log(`\nLinked All is running at http://localhost:${port}  (Ctrl-C to stop)\n`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}
