/// <reference types="node" />
import { AsyncLocalStorage } from 'node:async_hooks';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

// The trace of the work in progress (a request, a queue message), so that every log line and every
// event written carries it without being handed it (workerd supports AsyncLocalStorage with nodejs_compat).
const current = new AsyncLocalStorage<string>();

/** Runs `fn` with `traceparent` as the current trace context (its log lines and outbox events carry it). */
export function withTraceparent<T>(traceparent: string, fn: () => T): T {
  return current.run(traceparent, fn);
}

/** The current W3C traceparent, if the code runs inside a request or a traced message. */
export function currentTraceparent(): string | undefined {
  return current.getStore();
}

/** `traceId` and `spanId` of the current trace context, for a log line; empty outside one. */
export function traceFields(): { traceId?: string; spanId?: string } {
  const match = TRACEPARENT.exec(current.getStore() ?? '');
  return match ? { traceId: match[1], spanId: match[2] } : {};
}
