import { guardedCall } from '@linked-all/http';

/**
 * Deadlines of orders' RPC calls, in ms. Catalog `skus()` and identity's `address()` are one indexed read; a payments call is
 * one D1 batch, or a provider push for `initiate`, so it gets more. A missed deadline, a thrown
 * call or an open circuit is AppError `upstream_unavailable` (503 + Retry-After on HTTP routes; a
 * Workflow step retries it with its back-off). Every call wrapped here is idempotent, so a call
 * that timed out but went through is safe to repeat.
 */
export const CALL_DEADLINE_MS = { catalog: 5_000, payments: 10_000, identity: 4_000, logistics: 4_000 } as const;

// `R` rather than `Promise<T>`: an RPC method's answer is a union of RPC promises, awaited here.

/** A call to the catalog (SKU details for carts, checkout and stock) with deadline and breaker. */
export function callCatalog<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('catalog', { deadlineMs: CALL_DEADLINE_MS.catalog }, () => Promise.resolve(call()));
}

/** A call to payments (authorize, capture, void, refund, …) with deadline and breaker. */
export function callPayments<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('payments', { deadlineMs: CALL_DEADLINE_MS.payments }, () => Promise.resolve(call()));
}

/** A call to identity (the shopper's own address at checkout) with deadline and breaker. */
export function callIdentity<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('identity', { deadlineMs: CALL_DEADLINE_MS.identity }, () => Promise.resolve(call()));
}

/** A call to logistics (the pickup station at checkout) with deadline and breaker. */
export function callLogistics<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('logistics', { deadlineMs: CALL_DEADLINE_MS.logistics }, () => Promise.resolve(call()));
}
