import { guardedCall } from '@linked-all/http';

/**
 * Deadline of notifications' calls to identity, in ms: a contact lookup is one indexed D1 read.
 * A missed deadline, a thrown call or an open circuit is AppError `upstream_unavailable`: the
 * queue consumer retries the event with back-off; a USSD or SMS callback answers 503 and the
 * network retries or the caller dials again. Every call here is a read.
 */
export const CALL_DEADLINE_MS = { identity: 3_000 } as const;

// `R` rather than `Promise<T>`: an RPC method's answer is a union of RPC promises, awaited here.

/** A call to identity (a contact for a user, a shop or a phone number) with deadline and breaker. */
export function callIdentity<R>(call: () => R): Promise<Awaited<R>> {
  return guardedCall<Awaited<R>>('identity', { deadlineMs: CALL_DEADLINE_MS.identity }, () => Promise.resolve(call()));
}
