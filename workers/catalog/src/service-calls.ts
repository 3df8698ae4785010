import { guardedCall } from '@linked-all/http';

/**
 * Deadlines of the catalog's calls to other services: orders' `purchase` (one D1 read), asked when a
 * shopper writes a review, and media's `variants` (decode, resize, encode one photo: ~0.4 s for
 * 2000×1500 on an idle core, several times that on a loaded one). A missed deadline, a thrown call or
 * an open circuit is AppError `upstream_unavailable` (503 + Retry-After); nothing was written (R2 and
 * D1 are written after the call), so the sender can send again.
 */
export const CALL_DEADLINE_MS = { orders: 5_000, media: 15_000 } as const;

/**
 * A call to another service with its deadline and breaker. `R`: an RPC answer is a union of RPC
 * promises, awaited here. A refusal (media's "not a photo") is an answer, not a failure: it never
 * opens the circuit.
 */
export function callService<R>(service: keyof typeof CALL_DEADLINE_MS, call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>(service, { deadlineMs: CALL_DEADLINE_MS[service] }, () => Promise.resolve(call()));
}
