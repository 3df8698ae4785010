// Where a benchmark runs the marketplace: on workerd through Miniflare's API (the default:
// it measures our code), or behind `wrangler dev` (its local proxy caps a trivial worker at
// ~600 req/s on 2 cores, so those figures are a second column, never the headline).
//
// Both read the same state directory (wrangler's --persist-to layout, data under v3/) that
// `scripts/seed.mjs --persist DIR` writes, so one seed serves both runtimes.

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, ROOT, runWrangler, startDev, WORKER_CONFIGS, waitForHttp } from '../../scripts/lib/dev-stack.mjs';

const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
const requireFromWrangler = createRequire(requireFromRoot.resolve('wrangler'));
// The Miniflare that wrangler bundles, so the workerd is the one `wrangler dev` and the tests run.
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(requireFromWrangler.resolve('miniflare')).href);
const { unstable_getMiniflareWorkerOptions } = await import(pathToFileURL(requireFromRoot.resolve('wrangler')).href);
const esbuild = await import(pathToFileURL(requireFromWrangler.resolve('esbuild')).href);

const workerName = (config) => readFileSync(path.join(ROOT, config), 'utf8').match(/^name\s*=\s*"([^"]+)"/m)[1];

/** The modules of a built worker, index.js first, wasm as compiled modules. */
function modulesOf(outdir) {
  return readdirSync(outdir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.wasm'))
    .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
    .map((f) => ({ type: f.endsWith('.wasm') ? 'CompiledWasm' : 'ESModule', path: path.join(outdir, f) }));
}

/**
 * Builds one worker exactly as `wrangler deploy` bundles it; Miniflare options from its own wrangler.toml.
 * `consumers: false` leaves out its queue consumers (their messages wait in the queue).
 */
export async function buildWorker(config, buildDir, { minify = false, consumers = true } = {}) {
  const outdir = path.join(buildDir, path.basename(path.dirname(path.join(ROOT, config))));
  await runWrangler(['deploy', '--dry-run', '--outdir', outdir, '-c', config, ...(minify ? ['--minify'] : [])]);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, config));
  // Metrics go where production sends them, to Analytics Engine (a local no-op binding), not to the
  // development sink: one shared local D1 written on every request by every worker is a cost, and
  // a point of contention, that no deployed worker pays.
  const { METRICS_DB: _localSink, ...d1Databases } = workerOptions.d1Databases ?? {};
  const name = workerName(config);
  return {
    ...workerOptions,
    ...(consumers ? {} : { queueConsumers: {} }),
    d1Databases,
    name,
    modulesRoot: outdir,
    modules: modulesOf(outdir),
  };
}

function quietLogs({ level, message }) {
  if (level === 'warn' || level === 'error') process.stderr.write(`${message}\n`);
}

/**
 * Every worker of the marketplace in one workerd, through Miniflare, on the state in `persistDir`
 * (queues, Durable Objects, Workflows, service bindings: all real). The gateway answers at `url`.
 * `withoutConsumers`: names of workers whose queue consumers are left out.
 */
export async function startMiniflareStack({ persistDir, buildDir = path.join(persistDir, 'build'), withoutConsumers = [] }) {
  const t = performance.now();
  mkdirSync(buildDir, { recursive: true });
  const workers = [];
  // One build at a time: two wranglers at once cost more than they save on 2 cores.
  for (const config of WORKER_CONFIGS) {
    const consumers = !withoutConsumers.includes(workerName(config));
    workers.push(await buildWorker(config, buildDir, { consumers }));
  }
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: await freePort(),
      // Miniflare 5's name for wrangler's --persist-to DIR/v3.
      resourcePersistencePath: path.join(persistDir, 'v3'),
      handleStructuredLogs: quietLogs,
      workers,
    }),
  );
  const url = (await mf.ready).href.replace(/\/$/, '');
  await waitForHttp(`${url}/v1/health`, { status: 200, timeoutMs: 60_000 });
  return { runtime: 'workerd', url, startupSeconds: (performance.now() - t) / 1000, stop: () => mf.dispose(), miniflare: mf };
}

/** Builds the in-memory Hono reference worker (bench/reference) for workerd. */
export async function buildReferenceWorker({ buildDir, minify = false }) {
  const outdir = path.join(buildDir, 'reference');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench/reference/index.ts')],
    outfile: path.join(outdir, 'index.js'),
    bundle: true,
    minify,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
    // Hono is a dependency of the workers, not of the repository root.
    nodePaths: [path.join(ROOT, 'workers/gateway/node_modules')],
  });
  return { name: 'reference', compatibilityDate: '2026-08-01', modulesRoot: outdir, modules: modulesOf(outdir) };
}

/** The reference worker alone in its own workerd. */
export async function startReferenceWorker({ buildDir }) {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: await freePort(),
      handleStructuredLogs: quietLogs,
      workers: [await buildReferenceWorker({ buildDir })],
    }),
  );
  const url = (await mf.ready).href.replace(/\/$/, '');
  return { runtime: 'workerd', url, stop: () => mf.dispose() };
}

/**
 * A fresh workerd with one built worker alone: ms until workerd is ready and until the worker's
 * first answer (module evaluation, app creation, one request). Workers it binds are stubbed.
 */
export async function coldStart(worker) {
  const stub = async () => new Response('stub', { status: 503 });
  const serviceBindings = Object.fromEntries(Object.keys(worker.serviceBindings ?? {}).map((name) => [name, stub]));
  const t = performance.now();
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: await freePort(),
      handleStructuredLogs: () => {},
      workers: [{ ...worker, serviceBindings }],
    }),
  );
  try {
    const url = await mf.ready;
    const readyMs = performance.now() - t;
    await (await fetch(new URL('/__cold-start-probe', url))).arrayBuffer();
    return { readyMs, firstAnswerMs: performance.now() - t };
  } finally {
    await mf.dispose();
  }
}

/** The same stack behind `wrangler dev` (its local proxy included), for the second column. */
export async function startWranglerStack({ persistDir }) {
  const t = performance.now();
  const port = await freePort();
  const dev = startDev({
    port,
    ip: '127.0.0.1',
    persistDir,
    registryDir: path.join(persistDir, 'registry'),
    // wrangler would otherwise print two lines per request, costing the shared CPU.
    extraArgs: ['--log-level', 'warn'],
  });
  await waitForHttp(`${dev.baseUrl}/v1/health`, { status: 200, timeoutMs: 120_000, child: dev.child, log: dev.log });
  return { runtime: 'wrangler-dev', url: dev.baseUrl, startupSeconds: (performance.now() - t) / 1000, stop: () => dev.stop() };
}
