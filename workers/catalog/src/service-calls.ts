import { guardedCall } from '@linked-all/http';

/**
 * Deadline of the catalog's one call to another service: orders' `purchase` (one D1 read), asked
 * when a shopper writes a review. A missed deadline, a thrown call or an open circuit is AppError
 * `upstream_unavailable` (503 + Retry-After); nothing was written, so the shopper can send again.
 */
export const CALL_DEADLINE_MS = { orders: 5_000 } as const;

/** A call to orders with deadline and breaker. `R`: an RPC answer is a union of RPC promises, awaited here. */
export function callOrders<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('orders', { deadlineMs: CALL_DEADLINE_MS.orders }, () => Promise.resolve(call()));
}
