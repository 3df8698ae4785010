// Starting and stopping the local multi-worker stack, shared by `pnpm dev`,
// `pnpm seed`, the e2e helper and the benchmarks.
//
// Persist directories: wrangler's CLI flag `--persist-to DIR` keeps its state in
// `DIR/v3`, and `wrangler dev -c wrangler.toml -c workers/…` without the flag
// uses `<dir of the first -c>/.wrangler/state`, i.e. `.wrangler/state` at the
// repository root. Everything here speaks in those `DIR`s (never `DIR/v3`).

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_PERSIST_DIR = path.join(ROOT, '.wrangler/state');
export const GATEWAY_CONFIG = 'wrangler.toml';
export const CATALOG_CONFIG = 'workers/catalog/wrangler.toml';
/** Every worker's config: the gateway (root), then each workers/<name>/wrangler.toml. */
export const WORKER_CONFIGS = [
  GATEWAY_CONFIG,
  ...readdirSync(path.join(ROOT, 'workers'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'gateway' && existsSync(path.join(ROOT, 'workers', d.name, 'wrangler.toml')))
    .map((d) => `workers/${d.name}/wrangler.toml`)
    .sort(),
];
/** Every worker the dev stack runs; the first is primary (gets the port, holds the state). */
export const DEV_CONFIGS = WORKER_CONFIGS;

const WRANGLER = path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** Node 22 from the root devDependency (wrangler needs ≥ 22.12; the system node may be older). */
export const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node'))
  ? path.join(ROOT, 'node_modules/.bin/node')
  : process.execPath;

/** Environment for every wrangler we start: nothing may phone Cloudflare. */
export function offlineEnv(extra = {}) {
  return {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    // Non-interactive: `d1 migrations apply` would otherwise ask for confirmation.
    CI: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
}

/** Runs a Node 22 script to completion; resolves with its output, rejects with it (named `label`) on failure. */
function runNode(script, args, { quiet, label }) {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [script, ...args], {
      cwd: ROOT,
      env: offlineEnv(),
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${label} exited with ${code}\n${output}`))));
  });
}

/** Runs wrangler to completion; rejects with its output when it fails. */
export function runWrangler(args, { quiet = true } = {}) {
  return runNode(WRANGLER, args, { quiet, label: `wrangler ${args.join(' ')}` });
}

/** Local D1 databases with migrations: `database_name` of each worker's top-level (non-env) config. */
export function migratedDatabases() {
  return WORKER_CONFIGS.flatMap((config) => {
    const topLevel = readFileSync(path.join(ROOT, config), 'utf8').split(/^\[env\./m)[0];
    const [, name] = topLevel.match(/^database_name\s*=\s*"([^"]+)"/m) ?? [];
    return name && /^migrations_dir\s*=/m.test(topLevel) ? [{ config, database: name }] : [];
  });
}

/** Applies every worker's D1 migrations to the local state in `persistDir` (idempotent). */
export async function applyMigrations(persistDir = DEFAULT_PERSIST_DIR) {
  // One at a time: two wranglers at once cost more than they save on 2 cores.
  for (const { config, database } of migratedDatabases()) {
    await runWrangler(['d1', 'migrations', 'apply', database, '--local', '-c', config, '--persist-to', persistDir]);
  }
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Kills a process group started with `detached: true`, politely first, then for good. */
export async function killGroup(child, { graceMs = 5000 } = {}) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // workerd children can outlive the wrangler process by a moment.
  signal('SIGKILL');
}

/**
 * Starts every worker in one `wrangler dev` process in its own process group.
 * `stdio: 'inherit'` for an interactive dev server, `'pipe'` to capture the log.
 * `registryDir` gives the stack its own dev registry, so a second stack (tests,
 * benchmarks) never binds to the workers of a `pnpm dev` running beside it.
 */
export function startDev({
  port = 8787,
  ip,
  persistDir,
  registryDir,
  configs = DEV_CONFIGS,
  stdio = 'pipe',
  extraArgs = [],
} = {}) {
  const args = [WRANGLER, 'dev', ...configs.flatMap((c) => ['-c', c]), '--port', String(port)];
  if (ip) args.push('--ip', ip);
  if (persistDir) args.push('--persist-to', persistDir);
  args.push('--show-interactive-dev-session=false', ...extraArgs);
  const child = spawn(NODE, args, {
    cwd: ROOT,
    env: offlineEnv(registryDir ? { WRANGLER_REGISTRY_PATH: registryDir } : {}),
    // Never the terminal's stdin: in its own process group, reading it would stop wrangler (SIGTTIN).
    stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const keep = (d) => {
    log += d;
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    baseUrl: `http://${ip ?? 'localhost'}:${port}`,
    log: () => log,
    stop: () => killGroup(child),
  };
}

/**
 * Waits until `url` answers. With `status`, only that status counts; otherwise any
 * HTTP answer does. Fails early when `child` exits.
 */
export async function waitForHttp(url, { status, timeoutMs = 90_000, child, log } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}) before ${url} answered\n${log?.() ?? ''}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (status === undefined || res.status === status) return res.status;
      last = `status ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer${status ? ` ${status}` : ''} within ${timeoutMs} ms (last: ${last})\n${log?.() ?? ''}`);
}

/** Runs `scripts/seed.mjs` with the given flags in a child Node 22 process. */
export function runSeed(flags, { quiet = false } = {}) {
  return runNode(path.join(ROOT, 'scripts/seed.mjs'), flags, { quiet, label: 'seed' });
}
