import { VendorRole } from '@linked-all/auth';
import { statement } from '@linked-all/db';
import { outboxStatement, UserLogin, UserLogout } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { LoginBody, Role, TokenPair } from '../../contract';
import { orm } from '../db/orm';
import { passwords, refreshTokens, users, vendorStaff } from '../db/schema';
import type { IdentityContext } from './context';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import {
  findRefreshToken,
  insertRefreshTokenStatement,
  newRefreshToken,
  revokeFamily,
  rotateRefreshToken,
} from './refresh-tokens';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from './signing-keys';
import { assertNotLocked, lockOf } from './user-locks';

/** Who a session is for: read fresh from `users` on every sign-in and refresh. */
export type Subject = { id: string; role: Role; vendorId: string | null };

// One message for every failed login: whether the account exists is not the caller's business.
const badCredentials = () => new AppError('unauthenticated', 'The phone, e-mail or password is wrong');
const badRefresh = () =>
  new AppError('invalid_token', 'The refresh token is invalid, expired or revoked; sign in again', {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

// The version is read when the token is signed, never carried in from an earlier read: a token
// signed after a reset must carry the raised version (one primary-key read beside a PBKDF2 or a rotation).
async function accessToken(ctx: IdentityContext, user: Subject): Promise<string> {
  const version = await tokenVersionOf(ctx.db, user.id);
  if (!user.vendorId) return signAccessToken(ctx.tokens, { userId: user.id, role: user.role }, ctx.now, version);
  // The staff role travels in the token, so every worker checks permissions without asking;
  // a changed role shows at the next refresh (<= 15 min), like a removal.
  const staff = await orm(ctx.db)
    .select({ role: vendorStaff.role })
    .from(vendorStaff)
    .where(and(eq(vendorStaff.vendorId, user.vendorId), eq(vendorStaff.userId, user.id)))
    .get();
  const vendorRole = VendorRole.safeParse(staff?.role);
  // No staff row (an inconsistency, never expected): a token with no shop powers at all.
  if (user.role !== 'vendor' || !vendorRole.success) {
    return signAccessToken(
      ctx.tokens,
      { userId: user.id, role: user.role === 'vendor' ? 'shopper' : user.role },
      ctx.now,
      version,
    );
  }
  return signAccessToken(
    ctx.tokens,
    { userId: user.id, role: user.role, vendorId: user.vendorId, vendorRole: vendorRole.data },
    ctx.now,
    version,
  );
}

/**
 * The statements that end every session a user has (for the same batch as the password write):
 * every refresh token is revoked, and the token version goes up so every access token already
 * issued is refused at the gateway, not only at its expiry.
 */
export function endEverySessionStatements(ctx: Pick<IdentityContext, 'db' | 'now'>, userId: string): D1PreparedStatement[] {
  const o = orm(ctx.db);
  return [
    statement(
      ctx.db,
      o
        .update(refreshTokens)
        .set({ revokedAt: ctx.now })
        .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt))),
    ),
    statement(
      ctx.db,
      o
        .update(users)
        .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: ctx.now })
        .where(eq(users.id, userId)),
    ),
  ];
}

/** The user's current token version (the gateway's check asks this; 0 for an unknown user). */
export async function tokenVersionOf(db: D1Database, userId: string): Promise<number> {
  const row = await orm(db).select({ tokenVersion: users.tokenVersion }).from(users).where(eq(users.id, userId)).get();
  return row?.tokenVersion ?? 0;
}

/**
 * A signed-in user changes their password: the current one must be right (a stolen access token
 * alone cannot take the account over), every session ends, and a new one starts for this caller.
 */
export async function changePassword(
  ctx: IdentityContext,
  userId: string,
  input: { currentPassword: string; password: string },
): Promise<TokenPair> {
  const row = await withPassword(ctx.db, eq(users.id, userId));
  const check = await verifyPassword(input.currentPassword, row?.hash ?? DUMMY_HASH);
  if (!row?.hash || !check.ok) throw new AppError('forbidden', 'The current password is wrong');
  await ctx.db.batch([
    statement(ctx.db, setPassword(ctx.db, row.id, await hashPassword(input.password), ctx.now)),
    ...endEverySessionStatements(ctx, row.id),
  ]);
  return startSession(ctx, row, 'password');
}

/** A user and their password hash (null when they have none): read only to check a password. */
function withPassword(db: D1Database, where: SQL) {
  return orm(db)
    .select({ id: users.id, role: users.role, vendorId: users.vendorId, hash: passwords.hash })
    .from(users)
    .leftJoin(passwords, eq(passwords.userId, users.id))
    .where(where)
    .get();
}

/** Replaces a user's stored hash (a change, or a rehash at today's cost). */
function setPassword(db: D1Database, userId: string, hash: string, now: number) {
  return orm(db).update(passwords).set({ hash, updatedAt: now }).where(eq(passwords.userId, userId));
}

/** Opens a new refresh-token family for a user and returns the first token pair, with a user.login event. */
export async function startSession(ctx: IdentityContext, user: Subject, method: 'password' | 'otp'): Promise<TokenPair> {
  // Every way in (password, code, reset) ends here: a locked account gets no session.
  await assertNotLocked(ctx.db, user.id);
  const refresh = await newRefreshToken();
  await ctx.db.batch([
    insertRefreshTokenStatement(ctx.db, refresh, user.id, newId('rtf', ctx.now), ctx.now),
    outboxStatement(ctx.db, UserLogin, { userId: user.id, method }, ctx),
  ]);
  return {
    accessToken: await accessToken(ctx, user),
    refreshToken: refresh.token,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

/**
 * Password login by phone or e-mail. Unknown users and users without a password
 * verify against a dummy hash, so every failure costs one PBKDF2 and reads the same.
 */
export async function passwordLogin(ctx: IdentityContext, input: LoginBody): Promise<TokenPair> {
  const row = await withPassword(
    ctx.db,
    input.phone !== undefined ? eq(users.phone, input.phone) : eq(users.email, input.email ?? ''),
  );
  const check = await verifyPassword(input.password, row?.hash ?? DUMMY_HASH);
  if (!row?.hash || !check.ok) throw badCredentials();
  if (check.needsRehash) {
    // Parameters were raised since this hash was made: store one at today's cost.
    await setPassword(ctx.db, row.id, await hashPassword(input.password), ctx.now).run();
  }
  return startSession(ctx, row, 'password');
}

/** Rotates a refresh token. A reused (already rotated) token revokes its family and fails. */
export async function refreshSession(ctx: IdentityContext, presented: string): Promise<TokenPair> {
  const rotation = await rotateRefreshToken(ctx.db, presented, ctx.now);
  if (!rotation.ok) throw badRefresh();
  const user = await orm(ctx.db)
    .select({ id: users.id, role: users.role, vendorId: users.vendorId })
    .from(users)
    .where(eq(users.id, rotation.userId))
    .get();
  // A locked account's tokens were revoked with the lock; this closes a refresh racing the lock.
  if (!user || (await lockOf(ctx.db, user.id))) {
    await revokeFamily(ctx.db, rotation.familyId, ctx.now);
    throw badRefresh();
  }
  // Role and vendor are re-read on every refresh, so a change reaches tokens within 15 minutes.
  return {
    accessToken: await accessToken(ctx, user),
    refreshToken: rotation.token.token,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

/** Revokes the family of the presented refresh token. Idempotent: an unknown or revoked token is no error. */
export async function endSession(ctx: IdentityContext, presented: string, callerId?: string): Promise<void> {
  const found = await findRefreshToken(ctx.db, presented);
  if (!found) return;
  // With an access token, only the caller's own sessions; without one, holding the refresh token is the proof.
  if (callerId && callerId !== found.userId) return;
  const revoked = await revokeFamily(ctx.db, found.familyId, ctx.now);
  if (revoked > 0) await ctx.db.batch([outboxStatement(ctx.db, UserLogout, { userId: found.userId }, ctx)]);
}
