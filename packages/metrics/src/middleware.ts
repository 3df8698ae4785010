import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { z } from 'zod';
import { CACHE_RESULTS, type ServiceName } from './schema';
import { type MetricsEnv, metricsSink } from './sink';

// The gateway's `X-Cache` answer; anything else (most services set none) counts as no cache.
const CacheResult = z.enum(CACHE_RESULTS).catch('NONE');

/**
 * One `request` data point per answered request: the route pattern (never the raw path, so ids do
 * not explode the cardinality), method, status, cache result, latency and country.
 */
export function requestMetrics(service: ServiceName): MiddlewareHandler<{ Bindings: MetricsEnv }> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const country = c.req.raw.cf?.country;
    const written = metricsSink(c.env ?? {}).write({
      kind: 'request',
      service,
      // After next(): the route of the handler that answered (routeIndex stays on it), not the last
      // pattern that merely matched (a catch-all page route would take every request).
      route: routePath(c),
      method: c.req.method,
      status: c.res.status,
      cache: CacheResult.parse(c.res.headers.get('x-cache')),
      latencyMs: Date.now() - started,
      country: typeof country === 'string' ? country : 'XX',
    });
    // After the response: the local sink is a D1 write, which must not add to the request's latency.
    if (!waitUntil(c, written)) await written;
  };
}

/** Hands `p` to the runtime to finish after the response; false where there is no execution context. */
function waitUntil(c: Context, p: Promise<unknown>): boolean {
  try {
    c.executionCtx.waitUntil(p);
    return true;
  } catch {
    // Hono throws when the app runs without an execution context (app.request in unit tests).
    return false;
  }
}
