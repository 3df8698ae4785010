import { VendorRole } from '@linked-all/auth';
import { outboxStatement, UserLogin, UserLogout } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import type { LoginBody, Role, TokenPair } from '../../contract';
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

type Subject = { id: string; role: Role; vendor_id: string | null };

// One message for every failed login: whether the account exists is not the caller's business.
const badCredentials = () => new AppError('unauthenticated', 'The phone, e-mail or password is wrong');
const badRefresh = () =>
  new AppError('invalid_token', 'The refresh token is invalid, expired or revoked; sign in again', {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

// The version is read when the token is signed, never carried in from an earlier read: a token
// signed after a reset must carry the raised version (one primary-key read beside a PBKDF2 or a rotation).
async function accessToken(ctx: IdentityContext, user: Subject): Promise<string> {
  const version =
    (await ctx.db.prepare('SELECT token_version FROM users WHERE id = ?').bind(user.id).first<number>('token_version')) ?? 0;
  if (!user.vendor_id) return signAccessToken(ctx.tokens, { userId: user.id, role: user.role }, ctx.now, version);
  // The staff role travels in the token, so every worker checks permissions without asking;
  // a changed role shows at the next refresh (<= 15 min), like a removal.
  const staff = await ctx.db
    .prepare('SELECT role FROM vendor_staff WHERE vendor_id = ? AND user_id = ?')
    .bind(user.vendor_id, user.id)
    .first<{ role: string }>();
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
    { userId: user.id, role: user.role, vendorId: user.vendor_id, vendorRole: vendorRole.data },
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
  return [
    ctx.db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').bind(ctx.now, userId),
    ctx.db.prepare('UPDATE users SET token_version = token_version + 1, updated_at = ? WHERE id = ?').bind(ctx.now, userId),
  ];
}

/** The user's current token version (the gateway's check asks this; 0 for an unknown user). */
export async function tokenVersionOf(db: D1Database, userId: string): Promise<number> {
  return (await db.prepare('SELECT token_version FROM users WHERE id = ?').bind(userId).first<number>('token_version')) ?? 0;
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
  const row = await ctx.db
    .prepare('SELECT u.id, u.role, u.vendor_id, p.hash FROM users u LEFT JOIN passwords p ON p.user_id = u.id WHERE u.id = ?')
    .bind(userId)
    .first<Subject & { hash: string | null }>();
  const check = await verifyPassword(input.currentPassword, row?.hash ?? DUMMY_HASH);
  if (!row?.hash || !check.ok) throw new AppError('forbidden', 'The current password is wrong');
  await ctx.db.batch([
    ctx.db
      .prepare('UPDATE passwords SET hash = ?, updated_at = ? WHERE user_id = ?')
      .bind(await hashPassword(input.password), ctx.now, row.id),
    ...endEverySessionStatements(ctx, row.id),
  ]);
  return startSession(ctx, row, 'password');
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
  const column = input.phone !== undefined ? 'phone' : 'email';
  const row = await ctx.db
    .prepare(
      `SELECT u.id, u.role, u.vendor_id, p.hash FROM users u LEFT JOIN passwords p ON p.user_id = u.id WHERE u.${column} = ?`,
    )
    .bind(input.phone ?? input.email)
    .first<Subject & { hash: string | null }>();
  const check = await verifyPassword(input.password, row?.hash ?? DUMMY_HASH);
  if (!row?.hash || !check.ok) throw badCredentials();
  if (check.needsRehash) {
    // Parameters were raised since this hash was made: store one at today's cost.
    await ctx.db
      .prepare('UPDATE passwords SET hash = ?, updated_at = ? WHERE user_id = ?')
      .bind(await hashPassword(input.password), ctx.now, row.id)
      .run();
  }
  return startSession(ctx, row, 'password');
}

/** Rotates a refresh token. A reused (already rotated) token revokes its family and fails. */
export async function refreshSession(ctx: IdentityContext, presented: string): Promise<TokenPair> {
  const rotation = await rotateRefreshToken(ctx.db, presented, ctx.now);
  if (!rotation.ok) throw badRefresh();
  const user = await ctx.db.prepare('SELECT id, role, vendor_id FROM users WHERE id = ?').bind(rotation.userId).first<Subject>();
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
