import { keepLogLines, type MetricsEnv } from '@linked-all/metrics';
import type { MiddlewareHandler } from 'hono';
import { log } from './logger';
import { nextTraceparent, spanIdOf, withTraceparent } from './trace';

export { nextTraceparent } from './trace';

export type RequestContextVariables = {
  requestId: string;
  /** W3C trace context of this hop, forwarded to services we call. */
  traceparent: string;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives every request an id and a trace context, echoes them on the response,
 * and writes one structured access-log line.
 */
export function requestContext(service: string): MiddlewareHandler<{ Bindings: MetricsEnv; Variables: RequestContextVariables }> {
  return async (c, next) => {
    const incomingId = c.req.header('x-request-id');
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
    const traceparent = nextTraceparent(c.req.header('traceparent'));
    c.set('requestId', requestId);
    c.set('traceparent', traceparent);
    const started = Date.now();
    // Locally the log lines are also kept where the console reads them (development and tests only).
    keepLogLines(c.env, service);
    // Everything the request does runs in its trace: log lines and outbox events carry it, and so
    // does the access line (with the caller's span as its parent when the caller sent one).
    const context = { parentSpanId: spanIdOf(c.req.header('traceparent')), defer: deferOf(c) };
    await withTraceparent(
      traceparent,
      async () => {
        await next();
        c.header('x-request-id', requestId);
        c.header('traceparent', traceparent);
        log('info', 'request', {
          service,
          requestId,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Date.now() - started,
        });
      },
      context,
    );
  };
}

/** The request's `waitUntil`, when it runs in a Worker (Hono's `app.request` in Node tests has none). */
function deferOf(c: {
  executionCtx: { waitUntil(work: Promise<unknown>): void };
}): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    // No ExecutionContext outside a Worker: background writes then run unawaited.
    return undefined;
  }
}
