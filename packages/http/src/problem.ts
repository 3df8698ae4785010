import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, ERROR_CODES, type ErrorCode, type ProblemExtras } from './errors';
import { log } from './logger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds the RFC 9457 response for an AppError, with request id and instance. */
export function problemResponse(c: Context, error: AppError): Response {
  const { headers = {}, ...extra } = error.extra;
  const body = {
    type: `https://docs.linkedall.africa/problems/${error.code.replaceAll('_', '-')}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.message,
    instance: new URL(c.req.url).pathname,
    code: error.code,
    requestId: c.get('requestId') ?? null,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

// Hono's own middleware (body-limit, etc.) throws HTTPException; map it into our table.
const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Normalises anything thrown into an AppError; unknown errors become a masked 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const code = HTTP_STATUS_CODES[err.status] ?? 'internal';
    return new AppError(code, err.message || undefined);
  }
  return new AppError('internal', 'An unexpected error occurred. Quote the request id if you contact support.');
}

/** Hono `onError`: every failure leaves as problem+json; 5xx are logged in full. */
export const onError: ErrorHandler = (err, c) => {
  const error = toAppError(err);
  if (error.status >= 500) {
    log('error', 'request failed', {
      requestId: c.get('requestId'),
      path: c.req.path,
      method: c.req.method,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
  }
  return problemResponse(c, error);
};

/** Hono `notFound`: an unknown route is a problem too. */
export const notFound: NotFoundHandler = (c) =>
  problemResponse(c, new AppError('route_not_found', `No route matches ${c.req.method} ${c.req.path}`));

/** Throws a 405 problem for `methodNotAllowed` middleware. */
export function methodNotAllowedProblem(c: Context, allowed: string[]): Response {
  return problemResponse(
    c,
    new AppError('method_not_allowed', `${c.req.method} is not allowed here; use ${allowed.join(', ')}`, {
      headers: { allow: allowed.join(', ') },
    } satisfies ProblemExtras),
  );
}
