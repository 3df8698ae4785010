#!/usr/bin/env node
// Media benchmark: the media worker built exactly as `wrangler deploy` bundles it (photon's wasm
// included), run in Miniflare (workerd) beside a one-file caller worker that binds it as MEDIA, the
// way the catalog does. The caller keeps one 2000×1500 JPEG and times `MEDIA.variants(...)` (decode,
// resize to 1024/640/320/160, encode four JPEGs, answer them over RPC):
//   (a) one call at a time: p50/p95/p99 of the RPC as the caller sees it, and of the whole request;
//   (b) --concurrency calls at once: the same, and variants/s (one isolate: the calls queue);
//   (c) cold start of the worker alone (module evaluation includes compiling and instantiating
//       photon's wasm) and the wasm memory the isolate holds after the run (it never shrinks).
// Starts its own Miniflare on a temp dir and always disposes of it.
//
//   pnpm bench:media [--runs 40] [--concurrency 4] [--cold-starts 3]
//
// Writes bench/results/media-<ISO date>.json (+ .svg) and prints a table.

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PhotonImage } from '@cf-wasm/photon/node';
import { ROOT } from '../scripts/lib/dev-stack.mjs';
import { machine, table, terminalChart, writeResult } from './lib/report.mjs';
import { buildWorker, coldStart } from './lib/runtime.mjs';
import { driveTasks, latencySummary, round } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = 'workers/media/wrangler.toml';
const WIDTH = 2000;
const HEIGHT = 1500;
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '4' },
    'cold-starts': { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const RUNS = Number(flags.runs);
const CONCURRENCY = Number(flags.concurrency);
const COLD_STARTS = Number(flags['cold-starts']);

const requireFromWrangler = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler'));
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(requireFromWrangler.resolve('miniflare')).href);

/**
 * A photo-like 2000×1500 JPEG (q85): a gradient with per-pixel noise, so the encoder has detail to
 * keep (a smooth gradient alone compresses to a fraction of a camera photo's bytes).
 */
function benchPhoto() {
  const raw = new Uint8Array(WIDTH * HEIGHT * 4);
  let seed = 17;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 24) % 48;
  };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 4;
      raw[i] = Math.min(255, (x * 200) / WIDTH + noise());
      raw[i + 1] = Math.min(255, (y * 200) / HEIGHT + noise());
      raw[i + 2] = Math.min(255, ((x + y) % 256) * 0.7 + noise());
      raw[i + 3] = 255;
    }
  }
  const image = new PhotonImage(raw, WIDTH, HEIGHT);
  try {
    return image.get_bytes_jpeg(85);
  } finally {
    image.free();
  }
}

// The caller: keeps the photo in memory (one upload, sent once) and times each RPC itself, so the
// figure is the catalog's view of the call, without the benchmark's HTTP hop.
const CALLER = `
let photo = null;
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/photo') {
      photo = new Uint8Array(await request.arrayBuffer());
      return new Response(null, { status: 204 });
    }
    if (pathname === '/health') return Response.json(await env.MEDIA.health());
    const started = Date.now();
    const answer = await env.MEDIA.variants({ bytes: photo, contentType: 'image/jpeg' });
    const rpcMs = Date.now() - started;
    if (!answer.ok) return Response.json(answer, { status: 422 });
    return Response.json({
      rpcMs,
      widths: answer.image.variants.map((v) => v.width),
      bytes: answer.image.variants.reduce((n, v) => n + v.bytes.length, 0),
    });
  },
};
`;

const startedAt = new Date();
const loadBefore = os.loadavg().map((l) => round(l));
const state = mkdtempSync(path.join(os.tmpdir(), 'media-bench-'));
let mf;
try {
  const media = await buildWorker(CONFIG, path.join(state, 'build'));
  const { METRICS_DB: _localSink, ...d1Databases } = media.d1Databases ?? {};
  mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      handleStructuredLogs({ level, message }) {
        if (level === 'warn' || level === 'error') process.stderr.write(`${message}\n`);
      },
      workers: [
        {
          name: 'caller',
          modules: true,
          script: CALLER,
          compatibilityDate: '2026-08-01',
          serviceBindings: { MEDIA: media.name },
        },
        { ...media, d1Databases },
      ],
    }),
  );
  const photo = benchPhoto();
  const put = await mf.dispatchFetch('http://caller/photo', { method: 'PUT', body: photo });
  if (put.status !== 204) throw new Error(`the caller refused the photo: ${put.status}`);

  const rpcMs = [];
  let answer;
  const variants = async () => {
    const response = await mf.dispatchFetch('http://caller/variants', { method: 'POST' });
    answer = await response.json();
    if (response.status !== 200) throw new Error(`variants answered ${response.status}: ${JSON.stringify(answer)}`);
    rpcMs.push(answer.rpcMs);
  };
  await driveTasks(3, 1, variants); // warm-up: the first decode grows the wasm memory
  rpcMs.length = 0;
  const sequential = await driveTasks(RUNS, 1, variants);
  const sequentialRpc = latencySummary(rpcMs.splice(0));
  const concurrent = await driveTasks(RUNS, CONCURRENCY, variants);
  const concurrentRpc = latencySummary(rpcMs.splice(0));
  const health = await (await mf.dispatchFetch('http://caller/health')).json();

  const starts = [];
  for (let i = 0; i < COLD_STARTS; i++) starts.push(await coldStart({ ...media, d1Databases }));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  const series = [
    { label: 'rpc c=1', latencyMs: sequentialRpc },
    { label: `rpc c=${CONCURRENCY}`, latencyMs: concurrentRpc },
  ];
  const report = {
    benchmark: 'media',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(loadBefore),
    runtime: 'Miniflare (workerd), the media worker as built by wrangler deploy --dry-run, called over a Service Binding',
    notes: [
      `One ${WIDTH}×${HEIGHT} JPEG (${round(photo.length / 1024, 1)} KiB, q85, gradient + noise) per call → ${answer.widths.join('/')} px JPEGs (${round(answer.bytes / 1024, 1)} KiB together).`,
      'rpc = MEDIA.variants() timed in the calling worker (what the catalog waits for); request = the benchmark’s whole request to the caller.',
      'coldStart = a fresh workerd with the media worker alone, to its first answer (module evaluation compiles and instantiates photon’s wasm).',
    ],
    photo: { width: WIDTH, height: HEIGHT, bytes: photo.length },
    variants: {
      'rpc, concurrency 1 (ms)': sequentialRpc,
      'request, concurrency 1 (ms)': sequential,
      [`rpc, concurrency ${CONCURRENCY} (ms)`]: concurrentRpc,
      [`request, concurrency ${CONCURRENCY} (ms)`]: concurrent,
    },
    throughputPerSecond: { sequential: sequential.opsPerSecond, concurrent: concurrent.opsPerSecond },
    wasmMemoryMiBAfter: round(health.wasmMemoryBytes / 2 ** 20, 1),
    coldStartMs: {
      ready: round(median(starts.map((s) => s.readyMs)), 1),
      firstAnswer: round(median(starts.map((s) => s.firstAnswerMs)), 1),
      runs: starts,
    },
  };
  const rows = [['series', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'variants/s']];
  rows.push([
    'rpc c=1',
    sequentialRpc.n,
    sequentialRpc.p50,
    sequentialRpc.p95,
    sequentialRpc.p99,
    sequentialRpc.max,
    sequential.opsPerSecond,
  ]);
  rows.push([
    `rpc c=${CONCURRENCY}`,
    concurrentRpc.n,
    concurrentRpc.p50,
    concurrentRpc.p95,
    concurrentRpc.p99,
    concurrentRpc.max,
    concurrent.opsPerSecond,
  ]);
  console.log(`\n${table(rows)}\n\n${terminalChart(series)}\n`);
  console.log(
    `cold start: ready ${report.coldStartMs.ready} ms, first answer ${report.coldStartMs.firstAnswer} ms; wasm memory after the run ${report.wasmMemoryMiBAfter} MiB`,
  );
  console.log(`→ ${path.relative(ROOT, writeResult(flags.out, 'media', startedAt, report, series))}`);
} finally {
  await mf?.dispose();
  rmSync(state, { recursive: true, force: true });
}
