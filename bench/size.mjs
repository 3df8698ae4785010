#!/usr/bin/env node
// Cold start and size of every worker: the bundle exactly as `wrangler deploy` builds it
// (minified, as deployed), its gzip size and wasm, and how long workerd takes from a fresh
// start to the worker's first answer, beside the in-memory reference worker measured the same way.
//
//   pnpm bench:size [--runs 3]
//
// Writes bench/results/size-<ISO date>.json and prints a table.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { WORKER_CONFIGS } from '../scripts/lib/dev-stack.mjs';
import { machine, table, writeResult } from './lib/report.mjs';
import { buildReferenceWorker, buildWorker, coldStart } from './lib/runtime.mjs';
import { round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const RUNS = Number(flags.runs);

/** Bytes of the built modules: JavaScript (raw, gzip) and wasm (raw, gzip). */
function sizes(outdir) {
  const files = readdirSync(outdir).filter((f) => f.endsWith('.js') || f.endsWith('.wasm'));
  const of = (ext) => files.filter((f) => f.endsWith(ext)).map((f) => readFileSync(path.join(outdir, f)));
  const kib = (n) => round(n / 1024, 1);
  const js = of('.js');
  const wasm = of('.wasm');
  return {
    jsKiB: kib(js.reduce((n, b) => n + b.length, 0)),
    jsGzipKiB: kib(js.reduce((n, b) => n + gzipSync(b).length, 0)),
    wasmKiB: kib(wasm.reduce((n, b) => n + b.length, 0)),
    wasmGzipKiB: kib(wasm.reduce((n, b) => n + gzipSync(b).length, 0)),
    totalGzipKiB: kib([...js, ...wasm].reduce((n, b) => n + gzipSync(b).length, 0)),
    files: files.map((f) => `${f} ${kib(statSync(path.join(outdir, f)).size)} KiB`),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const startedAt = new Date();
const loadBefore = os.loadavg().map((l) => round(l));
const buildDir = mkdtempSync(path.join(os.tmpdir(), 'linked-all-size-'));
try {
  const workers = {};
  const all = [['bench/reference/index.ts', await buildReferenceWorker({ buildDir, minify: true })]];
  // One build at a time: two wranglers at once cost more than they save on 2 cores.
  for (const config of WORKER_CONFIGS) all.push([config, await buildWorker(config, buildDir, { minify: true })]);
  for (const [config, worker] of all) {
    const starts = [];
    for (let i = 0; i < RUNS; i++) starts.push(await coldStart(worker));
    workers[worker.name] = {
      config,
      ...sizes(worker.modulesRoot),
      coldStartMs: {
        ready: round(median(starts.map((s) => s.readyMs)), 1),
        firstAnswer: round(median(starts.map((s) => s.firstAnswerMs)), 1),
        runs: starts,
      },
    };
    const w = workers[worker.name];
    console.log(`${worker.name.padEnd(22)} ${w.totalGzipKiB} KiB gzip, first answer after ${w.coldStartMs.firstAnswer} ms`);
  }
  const rows = [['worker', 'js KiB', 'js gzip KiB', 'wasm KiB', 'total gzip KiB', 'workerd ready ms', 'first answer ms']];
  for (const [name, w] of Object.entries(workers)) {
    rows.push([name, w.jsKiB, w.jsGzipKiB, w.wasmKiB, w.totalGzipKiB, w.coldStartMs.ready, w.coldStartMs.firstAnswer]);
  }
  const report = {
    benchmark: 'size',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(loadBefore),
    notes: [
      'Bundles built by `wrangler deploy --dry-run --minify` (reference: esbuild --minify), as deployed; gzip -6 of each module.',
      "Cold start: a fresh workerd (Miniflare) with the worker alone; other workers it binds are stubbed, so only the worker's own module evaluation and first request are timed. Median of --runs.",
      'firstAnswer = from starting workerd to the first response of a path no route serves (module evaluation + app creation + one request).',
    ],
    workers,
  };
  console.log(`\n${table(rows)}\n`);
  const file = writeResult(flags.out, 'size', startedAt, report);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
