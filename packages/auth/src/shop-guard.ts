import { AppError, guardedCall } from '@linked-all/http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthVariables } from './middleware';
import { requireRoleOf } from './middleware';

/** Where a vendor caller stands with their shop, as the worker's source of shop status tells it. */
export type ShopStanding = { open: true } | { open: false; reason: string };

/** Asks a worker's source of shop status about one vendor caller (user + the shop their token names). */
export type ShopStandingSource<E extends { Bindings: object }> = (
  env: E['Bindings'],
  caller: { userId: string; vendorId: string },
) => Promise<ShopStanding>;

/** The identity RPC that answers a shop's status (null: no such shop). */
export type ShopDirectory = { shopStatus(vendorId: string): Promise<string | null> };

// A suspension must reach every vendor route quickly, yet a PWA replaying a queue of writes
// should not cost one RPC each: a standing is remembered for a few seconds per isolate.
export const SHOP_STANDING_TTL_MS = 5_000;
const SHOP_STATUS_DEADLINE_MS = 4_000;
const MAX_REMEMBERED = 1_000;
const remembered = new Map<string, { standing: ShopStanding; until: number }>();

/** Shop standing from identity (the owner of shops): open only while the shop is approved. */
export function shopStandingFromIdentity<E extends { Bindings: object }>(
  directory: (env: E['Bindings']) => ShopDirectory,
): ShopStandingSource<E> {
  return async (env, caller) => {
    // A deadline and identity's circuit breaker, as on every service call: a down identity is a 503.
    const status = await guardedCall('identity', { deadlineMs: SHOP_STATUS_DEADLINE_MS }, () =>
      Promise.resolve(directory(env).shopStatus(caller.vendorId)),
    );
    if (status === 'approved') return { open: true };
    return { open: false, reason: status ? `your shop is ${status}` : 'your shop is unknown' };
  };
}

/**
 * The one guard of every vendor route in every worker: the caller holds the vendor role AND the
 * shop their token names is open for business now. Tokens live for minutes, so the role alone
 * would let a suspended shop keep working until its tokens expire; 401 without
 * a token, 403 otherwise.
 */
export function requireActiveShop<E extends { Bindings: object; Variables: AuthVariables }>(
  source: ShopStandingSource<E>,
): MiddlewareHandler<E> {
  return async (c: Context<E>, next) => {
    const caller = requireRoleOf(c.get('principal'), 'vendor');
    const vendorId = caller.vendorId;
    if (!vendorId) throw new AppError('forbidden', 'This needs a vendor account');
    const key = vendorId;
    const now = Date.now();
    let entry = remembered.get(key);
    if (!entry || entry.until <= now) {
      entry = { standing: await source(c.env, { userId: caller.userId, vendorId }), until: now + SHOP_STANDING_TTL_MS };
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(key, entry);
    }
    if (!entry.standing.open) {
      throw new AppError('forbidden', `Vendor actions are closed: ${entry.standing.reason}`);
    }
    return next();
  };
}
