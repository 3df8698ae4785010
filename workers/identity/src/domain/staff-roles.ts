import { statement } from '@linked-all/db';
import { auditStatement } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { and, eq, inArray } from 'drizzle-orm';
import type { UserView } from '../../contract';
import { orm } from '../db/orm';
import { users } from '../db/schema';
import { getUser } from './users';

/** The roles an admin may give or take here; vendors and admins have their own paths. */
export const STAFF_ROLES = ['shopper', 'rider', 'station_agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Makes a shopper a rider or a station agent, or back. The role shows in the user's next access
 * token (at the next refresh or sign-in). A vendor or an admin is refused: a conflict, not a
 * demotion by accident. One conditional UPDATE, so a racing vendor approval cannot be overwritten.
 */
export async function setStaffRole(
  db: D1Database,
  userId: string,
  role: StaffRole,
  actor: string,
  now = Date.now(),
): Promise<UserView> {
  const [result] = await db.batch([
    statement(
      db,
      orm(db)
        .update(users)
        .set({ role, updatedAt: now })
        .where(and(eq(users.id, userId), inArray(users.role, STAFF_ROLES))),
    ),
    auditStatement(
      db,
      { actor, action: 'user.set_role', target: userId, detail: { role } },
      {
        now,
        when: { sql: 'EXISTS (SELECT 1 FROM users WHERE id = ? AND role = ? AND updated_at = ?)', args: [userId, role, now] },
      },
    ),
  ]);
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', `No user ${userId}`);
  if (result.meta.changes === 0)
    throw new AppError('conflict', `The user is a ${user.role}: only shoppers and logistics staff change role here`);
  return user;
}
