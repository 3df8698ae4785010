import { AppError } from '@linked-all/http';

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
  const lockedUntil = await db
    .prepare('SELECT locked_until FROM login_failures WHERE key = ?')
    .bind(key)
    .first<number>('locked_until');
  if (lockedUntil && lockedUntil > now) {
    const seconds = Math.ceil((lockedUntil - now) / 1000);
    throw new AppError('rate_limited', `Too many wrong passwords from here; wait ${seconds} s or sign in with an SMS code`, {
      headers: { 'retry-after': String(seconds) },
    });
  }
}

/** Counts a wrong password; from the FREE_FAILURES-th on, the wait doubles each time (one statement: no lost counts). */
export async function recordLoginFailure(db: D1Database, key: string, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO login_failures (key, failures, locked_until, updated_at) VALUES (?1, 1, 0, ?2)
       ON CONFLICT (key) DO UPDATE SET
         failures = failures + 1,
         locked_until = CASE WHEN failures + 1 >= ?3 THEN ?2 + min(?4 << min(failures + 1 - ?3, 20), ?5) ELSE 0 END,
         updated_at = ?2`,
    )
    .bind(key, now, FREE_FAILURES, FIRST_WAIT_MS, MAX_WAIT_MS)
    .run();
}

export async function clearLoginFailures(db: D1Database, key: string): Promise<void> {
  await db.prepare('DELETE FROM login_failures WHERE key = ?').bind(key).run();
}
