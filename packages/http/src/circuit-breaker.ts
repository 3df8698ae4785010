export type BreakerState = 'closed' | 'open' | 'half-open';

export type BreakerOptions = {
  /** Consecutive failures (errors, timeouts, 5xx) that open the circuit. */
  failureThreshold: number;
  /** The failures must fall within this window; an older streak starts again at one. */
  windowMs: number;
  /** How long the circuit stays open before one probe call is let through. */
  coolDownMs: number;
  now?: () => number;
};

/** The call was refused without being made: the service's circuit is open. */
export class BreakerOpenError extends Error {
  constructor(
    readonly service: string,
    /** When a probe will be let through again. */
    readonly retryAfterMs: number,
  ) {
    super(`${service} is unavailable (circuit open); retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'BreakerOpenError';
  }
}

/**
 * A circuit breaker for one service: closed → open after `failureThreshold` consecutive failures
 * within `windowMs` → half-open after `coolDownMs`, where exactly one probe call goes through →
 * closed if it succeeds, open for another cool-down if it fails. State lives in the isolate that
 * holds the object: each isolate learns on its own, which costs at most `failureThreshold` failed
 * calls per isolate and needs no shared storage on the hot path.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private streakStartedAt = 0;
  private openedAt = 0;
  private probeOut = false;
  private readonly now: () => number;

  constructor(
    readonly service: string,
    private readonly options: BreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The state now (an open circuit whose cool-down is over reads as half-open). */
  get status(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.coolDownMs) return 'half-open';
    return this.state;
  }

  /** Milliseconds until the next probe may go through (0 when calls are let through). */
  retryAfterMs(): number {
    if (this.state !== 'open') return 0;
    return Math.max(0, this.options.coolDownMs - (this.now() - this.openedAt));
  }

  /**
   * Runs `call` through the breaker. A thrown error, or an answer `isFailure` calls a failure,
   * counts against the service; either way the caller gets what the call produced.
   */
  async run<T>(call: () => Promise<T>, isFailure: (answer: T) => boolean = () => false): Promise<T> {
    const probe = this.admit();
    let answer: T;
    try {
      answer = await call();
    } catch (err) {
      this.record(false, probe);
      throw err;
    }
    this.record(!isFailure(answer), probe);
    return answer;
  }

  /** Lets a call through or throws BreakerOpenError; answers whether the call is the half-open probe. */
  private admit(): boolean {
    const status = this.status;
    if (status === 'closed') return false;
    if (status === 'half-open' && !this.probeOut) {
      this.state = 'half-open';
      this.probeOut = true;
      return true;
    }
    // Open, or half-open with its one probe still out: refuse without calling.
    throw new BreakerOpenError(this.service, Math.max(this.retryAfterMs(), status === 'half-open' ? 1000 : 0));
  }

  private record(ok: boolean, probe: boolean): void {
    if (probe) {
      this.probeOut = false;
      if (ok) this.close();
      else this.open();
      return;
    }
    // A call let through before the circuit opened says nothing about the service now.
    if (this.state !== 'closed') return;
    if (ok) {
      this.failures = 0;
      return;
    }
    const now = this.now();
    if (this.failures === 0 || now - this.streakStartedAt > this.options.windowMs) {
      this.failures = 0;
      this.streakStartedAt = now;
    }
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.state = 'open';
    this.openedAt = this.now();
    this.failures = 0;
  }

  private close(): void {
    this.state = 'closed';
    this.failures = 0;
  }
}
