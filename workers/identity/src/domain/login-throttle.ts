import { AppError } from '@linked-all/http';
import { eq, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { loginFailures } from '../db/schema';

/** Wrong passwords allowed from one address on one account before each further one costs a wait. */
export const FREE_FAILURES = 5;
/** The first wait; each further failure doubles it, up to MAX_WAIT_MS. */
export const FIRST_WAIT_MS = 15_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** Throttles are per account AND client address, so guessing from one place never locks the owner out elsewhere. */
export function throttleKey(account: string, clientIp: string): string {
  return `${account.toLowerCase()}|${clientIp}`;
}

/** A 429 with Retry-After while this account+address must wait. */
export async function checkLoginThrottle(db: D1Database, key: string, now: number): Promise<void> {
  const row = await orm(db)
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(eq(loginFailures.key, key))
    .get();
  const lockedUntil = row?.lockedUntil;
  if (lockedUntil && lockedUntil > now) {
    const seconds = Math.ceil((lockedUntil - now) / 1000);
    throw new AppError('rate_limited', `Too many wrong passwords from here; wait ${seconds} s or sign in with an SMS code`, {
      headers: { 'retry-after': String(seconds) },
    });
  }
}

/** Counts a wrong password; from the FREE_FAILURES-th on, the wait doubles each time (one statement: no lost counts). */
export async function recordLoginFailure(db: D1Database, key: string, now: number): Promise<void> {
  // In DO UPDATE every column names the stored row, so all three SETs read the count before this failure.
  const failures = loginFailures.failures;
  await orm(db)
    .insert(loginFailures)
    .values({ key, failures: 1, lockedUntil: 0, updatedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        failures: sql`${failures} + 1`,
        lockedUntil: sql`CASE WHEN ${failures} + 1 >= ${FREE_FAILURES}
          THEN ${now} + min(${FIRST_WAIT_MS} << min(${failures} + 1 - ${FREE_FAILURES}, 20), ${MAX_WAIT_MS}) ELSE 0 END`,
        updatedAt: now,
      },
    })
    .run();
}

export async function clearLoginFailures(db: D1Database, key: string): Promise<void> {
  await orm(db).delete(loginFailures).where(eq(loginFailures.key, key)).run();
}
