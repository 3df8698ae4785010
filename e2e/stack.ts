// The real multi-worker dev stack for end-to-end tests (run by vitest in Node):
// a private state directory, migrations, a deterministic seed, every worker in
// one `wrangler dev` on a free port, and a stop() that kills its process group.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { freePort, runSeed, startDev, waitForHttp } from '../scripts/lib/dev-stack.mjs';

/** What `scripts/seed.mjs --manifest` writes: ids and queries to drive tests with. */
export type SeedManifest = {
  seed: string;
  products: number;
  /** Listed products (active, of active vendors), in generation order. */
  activeProductIds: string[];
  draftProductIds: string[];
  outOfStockProductIds: string[];
  vendors: { id: string; slug: string; name: string; country: string; status: string }[];
  categories: { id: string; slug: string; path: string; leaf: boolean }[];
  countries: string[];
  queries: string[];
  suggest: string[];
};

export type Stack = {
  baseUrl: string;
  /** wrangler state dir (as `--persist-to`: data under `v3/`). */
  persistDir: string;
  manifest: SeedManifest;
  /** The dev server's output so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
};

/** Every stack started in this process and not yet stopped (setup.ts stops them after each file). */
const running = new Set<() => Promise<void>>();

/** Stops what a file left running, e.g. a stack whose start outlived its `beforeAll` limit. */
export async function stopAllStacks(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/**
 * Starts the stack and waits until `GET /v1/health` answers 200.
 * Set `KEEP_STACK=1` to keep the state directory after stop() for a post-mortem.
 */
export async function startStack(opts: {
  products: number;
  port?: number;
  seed?: string;
  /** Also write the dev server's output here, for readers in other processes. */
  logFile?: string;
}): Promise<Stack> {
  const persistDir = await mkdtemp(path.join(tmpdir(), 'linked-all-e2e-'));
  const manifestPath = path.join(persistDir, 'manifest.json');
  try {
    await runSeed(
      [
        '--products',
        String(opts.products),
        '--persist',
        persistDir,
        '--manifest',
        manifestPath,
        '--quiet',
        ...(opts.seed ? ['--seed', opts.seed] : []),
      ],
      { quiet: true },
    );
  } catch (err) {
    await rm(persistDir, { recursive: true, force: true });
    throw err;
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as SeedManifest;
  const port = opts.port ?? (await freePort());
  const dev = startDev({ port, ip: '127.0.0.1', persistDir, registryDir: path.join(persistDir, 'registry') });
  if (opts.logFile) {
    const out = createWriteStream(opts.logFile);
    dev.child.stdout?.pipe(out);
    dev.child.stderr?.pipe(out);
  }
  // If the test process dies without stop(), take the dev server with it.
  const killOnExit = () => {
    try {
      if (dev.child.pid) process.kill(-dev.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    process.removeListener('exit', killOnExit);
    await dev.stop();
    if (!process.env.KEEP_STACK) await rm(persistDir, { recursive: true, force: true });
  };
  running.add(stop);
  try {
    await waitForHttp(`${dev.baseUrl}/v1/health`, { status: 200, timeoutMs: 120_000, child: dev.child, log: dev.log });
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl: dev.baseUrl, persistDir, manifest, log: dev.log, stop };
}

/**
 * The e2e project's one shared stack (shared-stack.ts starts it): waits until it is up.
 * Its stop() does nothing; the project's teardown stops it after the last file.
 */
export async function sharedStack(timeoutMs = 400_000): Promise<Stack> {
  const dir = inject('sharedStackDir');
  const deadline = Date.now() + timeoutMs;
  const logFile = path.join(dir, 'dev.log');
  let tail = '';
  const log = () => tail;
  const readLog = async () => {
    tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-20_000);
  };
  for (;;) {
    const ready = await readFile(path.join(dir, 'ready.json'), 'utf8').catch(() => undefined);
    if (ready) {
      const { baseUrl, persistDir, manifest } = JSON.parse(ready) as Pick<Stack, 'baseUrl' | 'persistDir' | 'manifest'>;
      // log() is read by failure messages; keep it fresh without blocking them on a file read.
      const timer = setInterval(readLog, 2_000);
      timer.unref();
      await readLog();
      return { baseUrl, persistDir, manifest, log, stop: async () => clearInterval(timer) };
    }
    const failed = await readFile(path.join(dir, 'failed.txt'), 'utf8').catch(() => undefined);
    if (failed) throw new Error(`the shared e2e stack did not start:\n${failed}`);
    if (Date.now() > deadline) {
      await readLog();
      throw new Error(`the shared e2e stack was not up within ${timeoutMs} ms\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
