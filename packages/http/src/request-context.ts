import type { MiddlewareHandler } from 'hono';
import { log } from './logger';
import { withTraceparent } from './trace';

export type RequestContextVariables = {
  requestId: string;
  /** W3C trace context of this hop, forwarded to services we call. */
  traceparent: string;
};

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

function hex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Continues an incoming W3C trace (new span id) or starts a new sampled one. */
export function nextTraceparent(incoming: string | undefined): string {
  const match = incoming ? TRACEPARENT.exec(incoming) : null;
  const traceId = match && !/^0+$/.test(match[1]) ? match[1] : hex(16);
  const flags = match ? match[3] : '01';
  return `00-${traceId}-${hex(8)}-${flags}`;
}

/**
 * Gives every request an id and a trace context, echoes them on the response,
 * and writes one structured access-log line.
 */
export function requestContext(service: string): MiddlewareHandler<{ Variables: RequestContextVariables }> {
  return async (c, next) => {
    const incomingId = c.req.header('x-request-id');
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
    const traceparent = nextTraceparent(c.req.header('traceparent'));
    c.set('requestId', requestId);
    c.set('traceparent', traceparent);
    const started = Date.now();
    // Everything the request does runs in its trace: log lines and outbox events carry it.
    await withTraceparent(traceparent, () => next());
    c.header('x-request-id', requestId);
    c.header('traceparent', traceparent);
    log('info', 'request', {
      service,
      requestId,
      traceId: traceparent.slice(3, 35),
      spanId: traceparent.slice(36, 52),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
    });
  };
}
