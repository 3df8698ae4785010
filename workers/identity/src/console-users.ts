import { insertWhere, qualified, statement } from '@linked-all/db';
import { AuditReason, auditStatement } from '@linked-all/events';
import { and, asc, eq, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Language } from '../contract';
import { orm } from './db/orm';
import { passwords, refreshTokens, userLocks, users, vendorStaff, vendors } from './db/schema';
import { findUsers } from './domain/admin-users';
import type { IdentityContext } from './domain/context';
import { newCode, storeOtp } from './domain/otp';
import { endEverySessionStatements } from './domain/sessions';
import { lockOf } from './domain/user-locks';

// The console's users screen (issue 15): view a user, lock / unlock, force a password reset. Each
// write and its audit row are one batch; the audit row is guarded so a write that changed nothing
// (a second lock, an unlock of an unlocked user) leaves none.

export type AdminUserView = {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  role: string;
  vendorId: string | null;
  language: string;
  createdAt: string;
  phoneVerified: boolean;
  passwordSet: boolean;
  /** Refresh-token families still usable: the devices signed in. */
  activeSessions: number;
  lastSignInAt: string | null;
  lock: { reason: string; lockedBy: string; lockedAt: string } | null;
  shops: { vendorId: string; businessName: string; status: string; role: string }[];
};

const UserId = z.string().regex(/^usr_[0-9a-z]{4,40}$/);
export const AdminUserAction = z.object({ userId: UserId, actor: UserId, reason: AuditReason });
export type AdminUserAction = z.input<typeof AdminUserAction>;

/** Refusals cross RPC as answers. */
export type AdminUserOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'not_found' | 'validation_failed' };

export { findUsers };

/** One user as the console shows them: roles, shops, whether and how they can sign in. */
export async function adminUser(db: D1Database, userId: string, now = Date.now()): Promise<AdminUserView | null> {
  if (!UserId.safeParse(userId).success) return null;
  const o = orm(db);
  const [found, sessions, shops] = await o.batch([
    o
      .select({
        id: users.id,
        name: users.name,
        phone: users.phone,
        email: users.email,
        role: users.role,
        vendorId: users.vendorId,
        language: users.language,
        createdAt: users.createdAt,
        phoneVerifiedAt: users.phoneVerifiedAt,
        passwordSet: sql<number>`EXISTS (SELECT 1 FROM ${passwords} WHERE ${qualified(passwords.userId)} = ${qualified(users.id)})`,
      })
      .from(users)
      .where(eq(users.id, userId)),
    o
      .select({
        active: sql<number>`count(DISTINCT CASE WHEN ${refreshTokens.revokedAt} IS NULL AND ${refreshTokens.rotatedAt} IS NULL
          AND ${refreshTokens.expiresAt} > ${now} THEN ${refreshTokens.familyId} END)`,
        last: sql<number | null>`max(${refreshTokens.createdAt})`,
      })
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, userId)),
    o
      .select({ vendorId: vendors.id, businessName: vendors.businessName, status: vendors.status, role: vendorStaff.role })
      .from(vendorStaff)
      .innerJoin(vendors, eq(vendors.id, vendorStaff.vendorId))
      .where(eq(vendorStaff.userId, userId))
      .orderBy(asc(vendors.createdAt)),
  ]);
  const u = found[0];
  if (!u) return null;
  const s = sessions[0];
  const lock = await lockOf(db, userId);
  return {
    id: u.id,
    name: u.name,
    phone: u.phone,
    email: u.email,
    role: u.role,
    vendorId: u.vendorId,
    language: u.language,
    createdAt: new Date(u.createdAt).toISOString(),
    phoneVerified: u.phoneVerifiedAt !== null,
    passwordSet: u.passwordSet === 1,
    activeSessions: s?.active ?? 0,
    lastSignInAt: s?.last ? new Date(s.last).toISOString() : null,
    lock: lock ? { ...lock, lockedAt: new Date(lock.lockedAt).toISOString() } : null,
    shops,
  };
}

const userExists = (userId: string) => ({ sql: 'EXISTS (SELECT 1 FROM users WHERE id = ?)', args: [userId] });

/** Locks the account and ends every session it has, access tokens included. */
export async function lockUser(db: D1Database, input: AdminUserAction, now = Date.now()): Promise<AdminUserOutcome> {
  const parsed = AdminUserAction.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'validation_failed' };
  const { userId, actor, reason } = parsed.data;
  // The audit row goes first, guarded on "not locked yet": a second lock writes nothing.
  const [audit] = await db.batch([
    auditStatement(
      db,
      { actor, action: 'user.lock', target: userId, reason },
      {
        now,
        when: {
          sql: 'EXISTS (SELECT 1 FROM users WHERE id = ?) AND NOT EXISTS (SELECT 1 FROM user_locks WHERE user_id = ?)',
          args: [userId, userId],
        },
      },
    ),
    statement(
      db,
      insertWhere(
        db,
        userLocks,
        { userId, reason, lockedBy: actor, lockedAt: now },
        sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${userId})`,
      ).onConflictDoNothing({ target: userLocks.userId }),
    ),
    // Refresh tokens revoked and the token version raised: access tokens stop at the gateway too
    // (within its 30 s cache), not at their expiry.
    ...endEverySessionStatements({ db, now }, userId),
  ]);
  if (audit?.meta.changes === 1) return { ok: true, changed: true };
  return (await lockOf(db, userId)) ? { ok: true, changed: false } : { ok: false, reason: 'not_found' };
}

/** Lifts the lock; the user signs in again as before (their sessions stay revoked). */
export async function unlockUser(db: D1Database, input: AdminUserAction, now = Date.now()): Promise<AdminUserOutcome> {
  const parsed = AdminUserAction.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'validation_failed' };
  const { userId, actor, reason } = parsed.data;
  const [audit] = await db.batch([
    auditStatement(
      db,
      { actor, action: 'user.unlock', target: userId, reason },
      { now, when: { sql: 'EXISTS (SELECT 1 FROM user_locks WHERE user_id = ?)', args: [userId] } },
    ),
    statement(db, orm(db).delete(userLocks).where(eq(userLocks.userId, userId))),
  ]);
  if (audit?.meta.changes === 1) return { ok: true, changed: true };
  const user = await orm(db).select({ found: sql`1` }).from(users).where(eq(users.id, userId)).get();
  return user ? { ok: true, changed: false } : { ok: false, reason: 'not_found' };
}

/** What the console hands to notifications: the reset code goes by SMS through its adapters, never shown. */
export type ForcedReset =
  | { ok: true; changed: boolean; delivery: { phone: string; code: string; language: Language } | null }
  | { ok: false; reason: 'not_found' | 'validation_failed' };

/** A second forced reset of one user within this window is the same action (a double submit). */
const RESET_DEDUPE_MS = 60_000;

/**
 * Forces a password reset: the password is removed (the old one stops working), every refresh
 * token is revoked, and a fresh one-time code is stored for the user's phone. The code is returned
 * once, for the caller to send through notifications; the user sets a new password with it at
 * /v1/auth/password/reset (or asks for another code there).
 */
export async function forcePasswordReset(ctx: IdentityContext, input: AdminUserAction): Promise<ForcedReset> {
  const { db, now } = ctx;
  const parsed = AdminUserAction.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'validation_failed' };
  const { userId, actor, reason } = parsed.data;
  const user = await orm(db)
    .select({ phone: users.phone, language: users.language })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return { ok: false, reason: 'not_found' };
  const [audit] = await db.batch([
    auditStatement(
      db,
      { actor, action: 'user.force_reset', target: userId, reason },
      {
        now,
        when: {
          sql: `${userExists(userId).sql} AND NOT EXISTS (SELECT 1 FROM admin_audit WHERE action = 'user.force_reset' AND target = ? AND created_at > ?)`,
          args: [userId, userId, now - RESET_DEDUPE_MS],
        },
      },
    ),
    statement(db, orm(db).delete(passwords).where(eq(passwords.userId, userId))),
    ...endEverySessionStatements(ctx, userId),
  ]);
  if (audit?.meta.changes !== 1) return { ok: true, changed: false, delivery: null };
  const code = newCode();
  // Stored (hashed) exactly as a self-service request stores it; the console delivers it through notifications.
  await storeOtp(ctx, user.phone, code);
  return { ok: true, changed: true, delivery: { phone: user.phone, code, language: user.language } };
}

/** The on-call operators: every admin whose account is not locked (up to 20), oldest first. */
export async function onCallOperators(db: D1Database): Promise<string[]> {
  const o = orm(db);
  const rows = await o
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.role, 'admin'), notExists(o.select({ one: sql`1` }).from(userLocks).where(eq(userLocks.userId, users.id)))),
    )
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(20)
    .all();
  return rows.map((r) => r.id);
}
