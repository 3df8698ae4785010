/**
 * The one error type of the platform. A handler or domain function throws an
 * AppError; `problemResponse` turns it into RFC 9457 problem+json.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  invalid_token: { status: 401, title: 'The access token is not valid' },
  forbidden: { status: 403, title: 'You may not do this' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such route' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  idempotency_conflict: { status: 409, title: 'The idempotency key was used with another request' },
  out_of_stock: { status: 409, title: 'Not enough stock' },
  invalid_transition: { status: 409, title: 'The order is not in a state that allows this' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  unsupported_media_type: { status: 415, title: 'The content type is not supported' },
  upgrade_required: { status: 426, title: 'This address speaks WebSocket only' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  upstream_unavailable: { status: 503, title: 'A service we depend on is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldError = { path: string; message: string };

export type ProblemExtras = {
  errors?: FieldError[];
  headers?: Record<string, string>;
  [key: string]: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extra: ProblemExtras;

  constructor(code: ErrorCode, detail?: string, extra: ProblemExtras = {}) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.extra = extra;
  }
}

/** True for a value shaped like the problem+json body this package emits. */
export function isProblem(value: unknown): value is { code: ErrorCode; status: number; detail: string } {
  return (
    typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' && value.code in ERROR_CODES
  );
}
