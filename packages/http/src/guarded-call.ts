import { BreakerOpenError, type BreakerOptions, CircuitBreaker } from './circuit-breaker';
import { DeadlineExceededError, withDeadline } from './deadline';
import { AppError } from './errors';
import { log } from './logger';

/**
 * One breaker per called service per isolate: 5 consecutive failures within 10 s open it; after
 * 5 s one probe goes through. Five is enough to ignore a single bad request, small enough that a
 * dead service costs each isolate a handful of slow calls, not one per user.
 */
export const SERVICE_BREAKER: BreakerOptions = { failureThreshold: 5, windowMs: 10_000, coolDownMs: 5_000 };

const breakers = new Map<string, CircuitBreaker>();

/** The breaker this isolate keeps for calls to `service`. */
export function breakerFor(service: string): CircuitBreaker {
  let breaker = breakers.get(service);
  if (!breaker) {
    breaker = new CircuitBreaker(service, SERVICE_BREAKER);
    breakers.set(service, breaker);
  }
  return breaker;
}

export type GuardedCallOptions<T> = {
  deadlineMs: number;
  /** An answer that counts as a failure although it arrived (an HTTP 5xx). */
  isFailure?: (answer: T) => boolean;
};

/**
 * Calls another service with a deadline, through its circuit breaker. An open circuit, a missed
 * deadline or a call that throws becomes AppError `upstream_unavailable` (503 with `Retry-After`),
 * so an HTTP route answers it as problem+json and a Workflow step retries it with back-off.
 */
export async function guardedCall<T>(
  service: string,
  options: GuardedCallOptions<T>,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const breaker = breakerFor(service);
  try {
    return await breaker.run(() => withDeadline(service, options.deadlineMs, call), options.isFailure);
  } catch (err) {
    if (!(err instanceof BreakerOpenError)) {
      log('warn', 'service call failed', {
        service,
        timedOut: err instanceof DeadlineExceededError,
        breaker: breaker.status,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    throw serviceUnavailable(service);
  }
}

/** The 503 a caller answers while `service` cannot be used, with when to try again. */
export function serviceUnavailable(service: string): AppError {
  const breaker = breakerFor(service);
  const waitMs = breaker.retryAfterMs() || SERVICE_BREAKER.coolDownMs;
  return new AppError('upstream_unavailable', 'A service is unavailable right now; retry shortly', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
  });
}
