import { AppError } from '@linked-all/http';

// A locked account: every way in (startSession) and every refresh asks here first.

/** The lock on a user, if an operator set one. */
export function lockOf(db: D1Database, userId: string) {
  return db
    .prepare('SELECT reason, locked_by AS lockedBy, locked_at AS lockedAt FROM user_locks WHERE user_id = ?')
    .bind(userId)
    .first<{ reason: string; lockedBy: string; lockedAt: number }>();
}

/** Refuses a locked user: the same 403 for sign-in by password, code or reset. */
export async function assertNotLocked(db: D1Database, userId: string): Promise<void> {
  if (await lockOf(db, userId)) {
    throw new AppError('forbidden', 'This account is locked; contact support', { reason: 'account_locked' });
  }
}
