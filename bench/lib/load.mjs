// The HTTP load generator every benchmark uses: autocannon with a path chosen per request,
// a synthetic client address per request (the gateway rate-limits per client, and locally
// there is no cf-connecting-ip: Cloudflare sets and overwrites it in production), every
// response's latency recorded, and the X-Cache header counted.

import autocannon from 'autocannon';
import { latencySummary, round } from './stats.mjs';
import { workerdMeter } from './workerd-cpu.mjs';

/** One of 10,000 synthetic client addresses. */
export const clientAddress = (n) => `10.${((n % 10_000) >> 8) & 255}.${n & 255}.1`;

/**
 * Drives `url` for `seconds` with `connections` connections; `nextPath()` picks each request's
 * path. Resolves with throughput, latency percentiles of every response, errors and cache counts.
 */
export async function drive(url, { nextPath, seconds, connections = 10, headers = {} }) {
  const latencies = [];
  const cache = {};
  let client = 0;
  const meter = workerdMeter();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { 'accept-encoding': 'gzip', accept: 'application/json', ...headers },
    setupClient: (c) => c.on('response', (_status, _bytes, ms) => latencies.push(ms)),
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: nextPath(),
          headers: { ...req.headers, 'cf-connecting-ip': clientAddress(client++) },
        }),
        onResponse: (_status, _body, _ctx, h) => {
          const v = String(h['x-cache'] ?? 'none').toUpperCase();
          cache[v] = (cache[v] ?? 0) + 1;
        },
      },
    ],
  });
  const workerd = meter();
  const lookups = (cache.HIT ?? 0) + (cache.MISS ?? 0) + (cache.STALE ?? 0);
  return {
    seconds,
    connections,
    requests: result.requests.total,
    rps: round(result.requests.total / seconds, 1),
    latencyMs: latencySummary(latencies),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    cache: { ...cache, hitRate: lookups ? round((cache.HIT ?? 0) / lookups, 4) : null },
    wireBytesPerSecond: round(result.throughput.average, 0),
    // Every workerd this process started (null behind wrangler dev): the thread's share of one core and its CPU per request.
    workerd: workerd && {
      cpuMsPerRequest: round(workerd.cpuMs / Math.max(1, result.requests.total), 3),
      oneCoreShare: workerd.oneCoreShare,
    },
  };
}
