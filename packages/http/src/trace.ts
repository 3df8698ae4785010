/// <reference types="node" />
import { AsyncLocalStorage } from 'node:async_hooks';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The trace context of the work in progress, and what is needed to keep its log lines. */
type TraceContext = {
  traceparent: string;
  /** The span of the caller (another worker's request, RPC call or Workflow run), when known. */
  parentSpanId?: string;
  /** Keeps a background write (a local log line) alive after the answer: the context's `waitUntil`. */
  defer?: (work: Promise<unknown>) => void;
};

// The trace of the work in progress (a request, a queue message, an RPC call, a Workflow step), so
// that every log line and every event written carries it without being handed it (workerd
// supports AsyncLocalStorage with nodejs_compat).
const current = new AsyncLocalStorage<TraceContext>();

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

/** The span id of a traceparent, when it is a valid one. */
export function spanIdOf(traceparent: string | undefined): string | undefined {
  return TRACEPARENT.exec(traceparent ?? '')?.[2];
}

/**
 * Runs `fn` with `traceparent` as the current trace context (its log lines and outbox events carry
 * it). `options.parentSpanId` names the caller's span; `options.defer` keeps the context's
 * background writes alive (its `waitUntil`); both are inherited from an enclosing context when absent.
 */
export function withTraceparent<T>(
  traceparent: string,
  fn: () => T,
  options: { parentSpanId?: string; defer?: (work: Promise<unknown>) => void } = {},
): T {
  const outer = current.getStore();
  return current.run({ traceparent, parentSpanId: options.parentSpanId, defer: options.defer ?? outer?.defer }, fn);
}

/**
 * Runs `fn` as a child span of `incoming` (or of a new trace when it is missing or malformed): the
 * callee's side of an RPC call or a Workflow step. Answers what `fn` answers.
 */
export function inChildSpan<T>(incoming: string | undefined, fn: () => T, defer?: (work: Promise<unknown>) => void): T {
  return withTraceparent(nextTraceparent(incoming), fn, { parentSpanId: spanIdOf(incoming), defer });
}

/** The current W3C traceparent, if the code runs inside a request or a traced message. */
export function currentTraceparent(): string | undefined {
  return current.getStore()?.traceparent;
}

/** Where the current context keeps background work alive, if it said. */
export function currentDefer(): ((work: Promise<unknown>) => void) | undefined {
  return current.getStore()?.defer;
}

/** `traceId`, `spanId` (and `parentSpanId` when known) of the current trace context, for a log line; empty outside one. */
export function traceFields(): { traceId?: string; spanId?: string; parentSpanId?: string } {
  const store = current.getStore();
  const match = TRACEPARENT.exec(store?.traceparent ?? '');
  if (!match) return {};
  return store?.parentSpanId
    ? { traceId: match[1], spanId: match[2], parentSpanId: store.parentSpanId }
    : { traceId: match[1], spanId: match[2] };
}

/** What a traced service binding offers: its RPC methods, run in the trace handed to `traced`. */
type TracedBinding<R> = { traced(traceparent: string): R };

/**
 * A service binding's RPC methods run in the caller's trace: `traced(env.ORDERS).markShipped(id)`.
 * The callee (a `TracedEntrypoint`, packages/events) runs each call as a child span of the current
 * context, so its log lines share the trace id and name this span as their parent. Outside any
 * context (a cron) the call starts a new trace. Promise pipelining makes it one round trip.
 */
export function traced<R>(service: TracedBinding<R>): R {
  return service.traced(currentTraceparent() ?? nextTraceparent(undefined));
}
