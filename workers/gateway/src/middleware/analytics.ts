import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { GatewayApp } from '../env';

/**
 * One Analytics Engine data point per request: the ops view in production.
 * (Locally the binding is a no-op; the structured access log is the local view.)
 */
export function analytics(): MiddlewareHandler<GatewayApp> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const country = (c.req.raw.cf?.country as string | undefined) ?? 'XX';
    c.env.ANALYTICS?.writeDataPoint({
      indexes: [routePath(c, -1)],
      blobs: [routePath(c, -1), c.req.method, String(c.res.status), c.res.headers.get('x-cache') ?? 'NONE', country],
      doubles: [Date.now() - started, c.res.status],
    });
  };
}
