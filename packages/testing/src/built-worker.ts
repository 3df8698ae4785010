import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The part of wrangler's Miniflare options we pass on: compatibility and bindings. */
type Declared = {
  compatibilityDate: string;
  compatibilityFlags: string[];
  bindings: Record<string, string>;
  kvNamespaces: Record<string, { id: string }>;
  r2Buckets: Record<string, { id: string }>;
  d1Databases: Record<string, { id: string }>;
  queueProducers: Record<string, { queueName: string }>;
  queueConsumers: Record<string, { maxBatchTimeout?: number }>;
  ratelimits: Record<string, { namespace_id: string; simple: { limit: number; period: 10 | 60 } }>;
  durableObjects: Record<string, { className: string; scriptName?: string; useSQLite?: boolean }>;
  workflows: Record<string, { name: string; className: string; scriptName?: string }>;
  serviceBindings: Record<string, { name: string; entrypoint?: string }>;
};

function declared(config: string): Declared {
  return unstable_getMiniflareWorkerOptions(config).workerOptions as unknown as Declared;
}

// Each worker is built once per test process, into a directory of that process: several projects
// bind the same worker, and a rebuild into a shared directory rewrote the files under a runtime
// that had already started from them (it then found no Durable Object classes in a half-written
// module and failed to start).
const built = new Map<string, ReturnType<typeof build>>();

/**
 * Miniflare options for another worker of ours, beside the gateway in tests:
 * built exactly as `wrangler deploy` bundles it (~2 s), with the bindings its
 * own wrangler.toml declares (read by wrangler, not restated by hand).
 */
export function builtWorker(name: string) {
  let options = built.get(name);
  if (!options) {
    if (built.size === 0) removeOldBuilds();
    options = build(name);
    built.set(name, options);
  }
  return options;
}

/** Builds of test processes that ended hours ago; a running one is never that old. */
function removeOldBuilds() {
  const root = `${ROOT}dist/test`;
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = `${root}/${entry}`;
    if (entry !== String(process.pid) && Date.now() - statSync(dir).mtimeMs > 6 * 3_600_000) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function build(name: string) {
  const config = `${ROOT}workers/${name}/wrangler.toml`;
  const outdir = `${ROOT}dist/test/${process.pid}/${name}`;
  execFileSync(`${ROOT}node_modules/.bin/wrangler`, ['deploy', '--dry-run', '--outdir', outdir, '-c', config], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  const o = declared(config);
  return {
    name: `linked-all-${name}`,
    modulesRoot: outdir,
    modules: readdirSync(outdir)
      .filter((file) => file.endsWith('.js') || file.endsWith('.wasm'))
      .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
      .map((file) => ({ type: file.endsWith('.wasm') ? 'CompiledWasm' : 'ESModule', path: `${outdir}/${file}` }) as const),
    compatibilityDate: o.compatibilityDate,
    compatibilityFlags: o.compatibilityFlags,
    bindings: { ...o.bindings, ENVIRONMENT: 'test' },
    kvNamespaces: o.kvNamespaces,
    r2Buckets: o.r2Buckets,
    d1Databases: o.d1Databases,
    queueProducers: o.queueProducers,
    // Deliver fast in tests; production batches by its own wrangler.toml.
    queueConsumers: Object.fromEntries(
      Object.entries(o.queueConsumers).map(([queue, options]) => [queue, { ...options, maxBatchTimeout: 0.1 }]),
    ),
    ratelimits: o.ratelimits,
    durableObjects: o.durableObjects,
    workflows: o.workflows,
    serviceBindings: o.serviceBindings,
  };
}

/** The id of a worker's D1 database, for a test-only binding to the same storage. */
export function d1Id(name: string): string {
  return declared(`${ROOT}workers/${name}/wrangler.toml`).d1Databases.DB.id;
}
