import { guardedCall } from '@linked-all/http';

/**
 * Deadline of notifications' calls to identity, in ms: a contact lookup is one indexed D1 read.
 * A missed deadline, a thrown call or an open circuit is AppError `upstream_unavailable`: the
 * queue consumer retries the event with back-off; a USSD or SMS callback answers 503 and the
 * network retries or the caller dials again. Every call here is a read but orders' `vendorAccept`,
 * which is idempotent (a second accept is `applied: false`).
 */
export const CALL_DEADLINE_MS = { identity: 3_000, orders: 5_000, logistics: 3_000 } as const;

// `R` rather than `Promise<T>`: an RPC method's answer is a union of RPC promises, awaited here.

/** A call to identity (a contact for a user, a shop or a phone number) with deadline and breaker. */
export function callIdentity<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('identity', { deadlineMs: CALL_DEADLINE_MS.identity }, () => Promise.resolve(call()));
}

/** A call to orders (an SMS `ACCEPT`) with deadline and breaker. */
export function callOrders<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('orders', { deadlineMs: CALL_DEADLINE_MS.orders }, () => Promise.resolve(call()));
}

/** A call to logistics (a collection-code resend) with deadline and breaker. */
export function callLogistics<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('logistics', { deadlineMs: CALL_DEADLINE_MS.logistics }, () => Promise.resolve(call()));
}
