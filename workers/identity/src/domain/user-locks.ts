import { AppError } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { userLocks } from '../db/schema';

// A locked account: every way in (startSession) and every refresh asks here first.

/** The lock on a user, if an operator set one. */
export async function lockOf(db: D1Database, userId: string) {
  const lock = await orm(db)
    .select({ reason: userLocks.reason, lockedBy: userLocks.lockedBy, lockedAt: userLocks.lockedAt })
    .from(userLocks)
    .where(eq(userLocks.userId, userId))
    .get();
  return lock ?? null;
}

/** Refuses a locked user: the same 403 for sign-in by password, code or reset. */
export async function assertNotLocked(db: D1Database, userId: string): Promise<void> {
  if (await lockOf(db, userId)) {
    throw new AppError('forbidden', 'This account is locked; contact support', { reason: 'account_locked' });
  }
}
