import { guardedCall, isProblem, log } from '@linked-all/http';
import { z } from 'zod';
import type { PageCtx } from './page-response';
import { deadlineFor, serviceNameOf } from './service-deadlines';

/** A service's refusal (problem+json), carried to the page that shows it in words. */
export class ServiceProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    /** Field errors of a validation failure: path → message. */
    readonly fields: Record<string, string> = {},
    /** The problem's other members (`skuId`, `available`, …). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ServiceProblem';
  }
}

/** True for a refusal the shopper can act on (4xx), as opposed to a service failing. */
export function isRefusal(err: unknown, ...statuses: number[]): err is ServiceProblem {
  return err instanceof ServiceProblem && err.status < 500 && (statuses.length === 0 || statuses.includes(err.status));
}

export type ServiceCall = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The shopper's access token: the service authorises exactly as it does for the API. */
  token?: string | null;
  json?: unknown;
  headers?: Record<string, string>;
};

/** A refusal as every service words it (RFC 9457, packages/http); other members are kept as `extra`. */
const ProblemAnswer = z.looseObject({
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** The answer of a route that answers 204 No Content. */
export const NoContent = z.undefined();

/**
 * Calls a service's own HTTP route over its Service Binding (never a public URL), with this
 * request's id and trace context. A 2xx answers its JSON parsed with `answer`, the callee's
 * contract schema for that route, so a page gets checked types; an answer outside the contract is
 * the service failing (503). A problem+json becomes a ServiceProblem; a service that cannot be
 * reached in time (or whose circuit is open) is a 503 ServiceProblem.
 */
export async function callService<A extends z.ZodType>(
  c: PageCtx,
  service: Fetcher,
  path: string,
  answer: A,
  call: ServiceCall = {},
): Promise<z.output<A>> {
  const headers = new Headers(call.headers);
  headers.set('x-request-id', c.get('requestId'));
  headers.set('traceparent', c.get('traceparent'));
  // Identity limits sign-in attempts per network too.
  const ip = c.req.header('cf-connecting-ip');
  if (ip) headers.set('cf-connecting-ip', ip);
  if (call.token) headers.set('authorization', `Bearer ${call.token}`);
  if (call.json !== undefined) headers.set('content-type', 'application/json');
  const method = call.method ?? 'GET';
  let response: Response;
  try {
    // Deadline and circuit breaker as for the API (forward.ts): a down service fails fast.
    response = await guardedCall(
      serviceNameOf(c.env, service),
      { deadlineMs: deadlineFor(method), isFailure: (r: Response) => r.status >= 500 },
      (signal) =>
        service.fetch(
          new Request(`https://service.internal${path}`, {
            method,
            headers,
            body: call.json === undefined ? undefined : JSON.stringify(call.json),
            signal,
          }),
        ),
    );
  } catch {
    // guardedCall logged a failure or timeout; an open circuit refuses without a log line per call.
    throw new ServiceProblem(503, 'upstream_unavailable', 'A service is unavailable right now; try again in a moment.');
  }
  if (response.ok) {
    const parsed = answer.safeParse(response.status === 204 ? undefined : await response.json());
    if (parsed.success) return parsed.data;
    log('error', 'service answer outside its contract', { requestId: c.get('requestId'), path, error: parsed.error.message });
    throw new ServiceProblem(503, 'upstream_unavailable', `${path} answered outside its contract`);
  }
  const body: unknown = await response.json().catch(() => null);
  const problem = isProblem(body) ? ProblemAnswer.safeParse(body) : null;
  if (!problem?.success) {
    throw new ServiceProblem(
      response.status >= 500 ? 503 : response.status,
      'upstream_unavailable',
      `${path} answered ${response.status}`,
    );
  }
  const { code, detail, errors, status: _s, title: _t, type: _ty, instance: _i, requestId: _r, ...extra } = problem.data;
  const fields = Object.fromEntries((errors ?? []).map((e) => [e.path, e.message]));
  throw new ServiceProblem(response.status, code, detail ?? '', fields, extra);
}
