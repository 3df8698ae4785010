import { guardedCall } from '@linked-all/http';

/**
 * Deadlines of logistics' RPC calls, in ms: orders' markShipped/markDelivered and payments'
 * collect are one D1 batch each. A missed deadline, a thrown call or an open circuit is AppError
 * `upstream_unavailable` (503 + Retry-After to the rider or agent, who retries; the courier
 * webhook is retried by the carrier). Every call wrapped here is idempotent by vendor order, so a
 * call that timed out but went through is safe to repeat.
 */
export const CALL_DEADLINE_MS = { orders: 10_000, payments: 10_000 } as const;

// `R` rather than `Promise<T>`: an RPC method's answer is a union of RPC promises, awaited here.

/** A call to orders (the vendor order shipped or delivered) with deadline and breaker. */
export function callOrders<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('orders', { deadlineMs: CALL_DEADLINE_MS.orders }, () => Promise.resolve(call()));
}

/** A call to payments (pay-on-delivery cash collected) with deadline and breaker. */
export function callPayments<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('payments', { deadlineMs: CALL_DEADLINE_MS.payments }, () => Promise.resolve(call()));
}
