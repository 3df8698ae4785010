import { guardedCall, isProblem, PROBLEM_CONTENT_TYPE, serviceUnavailable } from '@linked-all/http';
import type { Context } from 'hono';
import type { GatewayApp } from './env';
import { deadlineFor, serviceNameOf } from './service-deadlines';

/**
 * Passes a request to a service over its Service Binding (never a public URL), with the trace
 * context and request id of this hop, a deadline and the service's circuit breaker. A service
 * that cannot be reached, is too slow, crashes (a 5xx that is not our problem+json) or whose
 * circuit is open is a 503 problem with `Retry-After`, never a hang or a bare 500.
 */
export async function forwardToService(c: Context<GatewayApp>, service: Fetcher): Promise<Response> {
  const name = serviceNameOf(c.env, service);
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-request-id', c.get('requestId'));
  headers.set('traceparent', c.get('traceparent'));
  const method = c.req.method;
  const init: RequestInit = { method, headers, redirect: 'manual' };
  if (method !== 'GET' && method !== 'HEAD') init.body = c.req.raw.body;
  const response = await guardedCall(
    name,
    // A 5xx counts against the service; a 4xx is the client's doing.
    { deadlineMs: deadlineFor(method), isFailure: (r: Response) => r.status >= 500 },
    (signal) => service.fetch(new Request(c.req.url, { ...init, signal })),
  );
  if (response.status >= 500 && !(await isProblemResponse(response))) throw serviceUnavailable(name);
  // A service's response has immutable headers; the gateway's middleware adds its own.
  const passed = new Response(response.body, response);
  if (response.status === 503 && !passed.headers.has('retry-after')) {
    passed.headers.set('retry-after', serviceUnavailable(name).extra.headers?.['retry-after'] ?? '5');
  }
  return passed;
}

/** True if a service answered our problem+json (its own, request-id-bearing error) rather than crashing. */
async function isProblemResponse(response: Response): Promise<boolean> {
  if (response.headers.get('content-type') !== PROBLEM_CONTENT_TYPE) return false;
  return isProblem(
    await response
      .clone()
      .json()
      .catch(() => null),
  );
}
