import { AppError, log } from '@linked-all/http';
import type { Context } from 'hono';
import type { GatewayApp } from './env';

/**
 * Passes a request to a service over its Service Binding (never a public URL),
 * with the trace context and request id of this hop. A service that cannot be
 * reached is a 503 problem, not a hang or a 500.
 */
export async function forwardToService(c: Context<GatewayApp>, service: Fetcher): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-request-id', c.get('requestId'));
  headers.set('traceparent', c.get('traceparent'));
  const method = c.req.method;
  const init: RequestInit = { method, headers, redirect: 'manual' };
  if (method !== 'GET' && method !== 'HEAD') init.body = c.req.raw.body;
  let response: Response;
  try {
    response = await service.fetch(new Request(c.req.url, init));
  } catch (err) {
    log('error', 'service unreachable', {
      requestId: c.get('requestId'),
      error: err instanceof Error ? err.message : String(err),
    });
    throw new AppError('upstream_unavailable', 'A service is unavailable right now; retry shortly');
  }
  // A service's response has immutable headers; the gateway's middleware adds its own.
  return new Response(response.body, response);
}
