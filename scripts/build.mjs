#!/usr/bin/env node
// `pnpm build`: bundles every worker exactly as `wrangler deploy` would, without
// deploying (`--dry-run`), into dist/<worker>/. Fails if any worker fails.
//   gateway ← wrangler.toml (root);  <name> ← workers/<name>/wrangler.toml

import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runWrangler, WORKER_CONFIGS } from './lib/dev-stack.mjs';

const workers = WORKER_CONFIGS.map((config) => ({
  name: config === 'wrangler.toml' ? 'gateway' : path.basename(path.dirname(config)),
  config,
}));

let failed = 0;
for (const { name, config } of workers) {
  const outdir = path.join('dist', name);
  // Absolute: wrangler resolves a relative --outdir against the config's directory
  // for the bundle but against the cwd for its README.
  const absolute = path.join(ROOT, outdir);
  rmSync(absolute, { recursive: true, force: true });
  const started = performance.now();
  try {
    // Offline: --dry-run never contacts Cloudflare, and runWrangler disables metrics and the cf fetch.
    // --env "": the top-level environment, explicitly (the configs also define staging and production).
    const output = await runWrangler(['deploy', '--dry-run', '-c', config, '--env', '', '--outdir', absolute]);
    if (!existsSync(path.join(absolute, 'index.js'))) throw new Error(`wrangler wrote no ${outdir}/index.js\n${output}`);
    const size = output.match(/Total Upload: ([^\n]+)/)?.[1]?.trim() ?? '';
    console.log(
      `✓ ${name.padEnd(10)} ${config.padEnd(32)} → ${outdir}  ${size}  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (err) {
    failed++;
    console.error(`✗ ${name.padEnd(10)} ${config}\n${err instanceof Error ? err.message : err}`);
  }
}
if (failed) {
  console.error(`\n${failed} of ${workers.length} workers failed to build`);
  process.exit(1);
}
console.log(`\n${workers.length} workers built into dist/`);
