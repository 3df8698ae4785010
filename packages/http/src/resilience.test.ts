import { afterEach, describe, expect, it, vi } from 'vitest';
import { BreakerOpenError, CircuitBreaker } from './circuit-breaker';
import { DeadlineExceededError, withDeadline } from './deadline';
import { AppError } from './errors';
import { currentFault, FAULT_SWITCH_PATH, installFaultSwitch, setFault } from './fault-switch';
import { breakerFor, guardedCall, SERVICE_BREAKER } from './guarded-call';

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const ok = () => Promise.resolve('ok');
const boom = () => Promise.reject(new Error('boom'));

describe('circuit breaker', () => {
  const options = { failureThreshold: 3, windowMs: 10_000, coolDownMs: 5_000 };

  it('opens after N consecutive failures and then refuses without calling', async () => {
    const t = clock();
    const breaker = new CircuitBreaker('catalog', { ...options, now: t.now });
    for (let i = 0; i < 3; i++) await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.status).toBe('open');
    const call = vi.fn(ok);
    await expect(breaker.run(call)).rejects.toBeInstanceOf(BreakerOpenError);
    expect(call).not.toHaveBeenCalled();
    expect(breaker.retryAfterMs()).toBe(5_000);
  });

  it('does not open when a success breaks the streak', async () => {
    const breaker = new CircuitBreaker('catalog', options);
    await expect(breaker.run(boom)).rejects.toThrow();
    await expect(breaker.run(boom)).rejects.toThrow();
    await breaker.run(ok);
    await expect(breaker.run(boom)).rejects.toThrow();
    await expect(breaker.run(boom)).rejects.toThrow();
    expect(breaker.status).toBe('closed');
  });

  it('starts the count again when the failures are spread over more than the window', async () => {
    const t = clock();
    const breaker = new CircuitBreaker('catalog', { ...options, now: t.now });
    await expect(breaker.run(boom)).rejects.toThrow();
    await expect(breaker.run(boom)).rejects.toThrow();
    t.advance(10_001);
    await expect(breaker.run(boom)).rejects.toThrow();
    expect(breaker.status).toBe('closed');
  });

  it('counts an answer the caller calls a failure (a 5xx) like a thrown error', async () => {
    const breaker = new CircuitBreaker('catalog', options);
    for (let i = 0; i < 3; i++)
      expect(
        await breaker.run(
          () => Promise.resolve(503),
          (s) => s >= 500,
        ),
      ).toBe(503);
    expect(breaker.status).toBe('open');
  });

  it('lets exactly one probe through after the cool-down and closes when it succeeds', async () => {
    const t = clock();
    const breaker = new CircuitBreaker('catalog', { ...options, now: t.now });
    for (let i = 0; i < 3; i++) await expect(breaker.run(boom)).rejects.toThrow();
    t.advance(5_000);
    expect(breaker.status).toBe('half-open');
    let release: (v: string) => void = () => {};
    const probe = breaker.run(
      () =>
        new Promise<string>((r) => {
          release = r;
        }),
    );
    // While the probe is out, everyone else is still refused.
    await expect(breaker.run(ok)).rejects.toBeInstanceOf(BreakerOpenError);
    release('ok');
    expect(await probe).toBe('ok');
    expect(breaker.status).toBe('closed');
    expect(await breaker.run(ok)).toBe('ok');
  });

  it('opens for another cool-down when the probe fails', async () => {
    const t = clock();
    const breaker = new CircuitBreaker('catalog', { ...options, now: t.now });
    for (let i = 0; i < 3; i++) await expect(breaker.run(boom)).rejects.toThrow();
    t.advance(5_000);
    await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.status).toBe('open');
    expect(breaker.retryAfterMs()).toBe(5_000);
    t.advance(4_999);
    await expect(breaker.run(ok)).rejects.toBeInstanceOf(BreakerOpenError);
    t.advance(1);
    expect(await breaker.run(ok)).toBe('ok');
    expect(breaker.status).toBe('closed');
  });

  it('ignores the late answer of a call let through before the circuit opened', async () => {
    const t = clock();
    const breaker = new CircuitBreaker('catalog', { ...options, now: t.now });
    let release: (v: string) => void = () => {};
    const slow = breaker.run(
      () =>
        new Promise<string>((r) => {
          release = r;
        }),
    );
    for (let i = 0; i < 3; i++) await expect(breaker.run(boom)).rejects.toThrow();
    release('ok');
    await slow;
    expect(breaker.status).toBe('open');
  });
});

describe('deadlines', () => {
  it('rejects with DeadlineExceededError and aborts the signal when the call is too slow', async () => {
    let seen: AbortSignal | undefined;
    const started = Date.now();
    await expect(
      withDeadline('catalog', 50, (signal) => {
        seen = signal;
        return new Promise(() => {});
      }),
    ).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seen?.aborted).toBe(true);
  });

  it('answers what the call answers within the deadline', async () => {
    expect(await withDeadline('catalog', 1_000, () => Promise.resolve(42))).toBe(42);
  });
});

describe('guardedCall', () => {
  it('turns failures into 503 upstream_unavailable with Retry-After, and opens the breaker', async () => {
    const service = `svc-${Math.random()}`;
    for (let i = 0; i < SERVICE_BREAKER.failureThreshold; i++) {
      const err = await guardedCall(service, { deadlineMs: 20 }, () => new Promise(() => {})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
    }
    expect(breakerFor(service).status).toBe('open');
    const call = vi.fn(ok);
    const refused = await guardedCall(service, { deadlineMs: 1_000 }, call).catch((e: unknown) => e);
    expect(call).not.toHaveBeenCalled();
    expect(refused).toBeInstanceOf(AppError);
    if (!(refused instanceof AppError)) return;
    expect(refused.status).toBe(503);
    expect(refused.code).toBe('upstream_unavailable');
    expect(Number(refused.extra.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.extra.headers?.['retry-after'])).toBeLessThanOrEqual(5);
  });
});

describe('fault switch', () => {
  class Service {
    constructor(readonly env: { ENVIRONMENT?: string }) {}
    fetch(_request: Request) {
      return new Response('served');
    }
    price(id: string) {
      return { id };
    }
  }
  installFaultSwitch(Service, 'test');
  const dev = new Service({ ENVIRONMENT: 'development' });
  const prod = new Service({ ENVIRONMENT: 'production' });
  const flip = (s: Service, mode: string) =>
    s.fetch(new Request(`https://svc${FAULT_SWITCH_PATH}`, { method: 'PUT', body: JSON.stringify({ mode }) }));

  afterEach(() => void setFault({ ENVIRONMENT: 'test' }, 'off'));

  it('makes every fetch and RPC call fail while on, and serves again once off', async () => {
    expect((await flip(dev, 'fail')).status).toBe(200);
    await expect(dev.price('a')).rejects.toThrow('fault injected');
    await expect(Promise.resolve(dev.fetch(new Request('https://svc/v1/x')))).rejects.toThrow('fault injected');
    expect((await flip(dev, 'off')).status).toBe(200);
    expect(await dev.price('a')).toEqual({ id: 'a' });
  });

  it('cannot be switched on, and is ignored, outside development and test', async () => {
    expect((await flip(prod, 'fail')).status).toBe(404);
    expect(setFault({ ENVIRONMENT: 'production' }, 'fail')).toBe(false);
    setFault({ ENVIRONMENT: 'test' }, 'fail');
    expect(currentFault({ ENVIRONMENT: 'production' })).toBe('off');
    expect(await prod.price('b')).toEqual({ id: 'b' });
  });

  it('refuses an unknown mode', async () => {
    expect((await flip(dev, 'explode')).status).toBe(400);
  });
});
