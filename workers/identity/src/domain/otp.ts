import { statement } from '@linked-all/db';
import { AppError } from '@linked-all/http';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Language, TokenPair } from '../../contract';
import { orm } from '../db/orm';
import { otpCodes, passwords, users } from '../db/schema';
import type { IdentityContext } from './context';
import { hashPassword } from './password';
import { endEverySessionStatements, type Subject, startSession } from './sessions';
import type { SmsSender } from './sms';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function codeHash(salt: string, phone: string, code: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}|${phone}|${code}`))));
}

/** A uniformly random 6-digit code (rejection sampling: no modulo bias). */
export function newCode(): string {
  const limit = 4_294_000_000; // largest multiple of 1,000,000 below 2^32
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1));
    if (n < limit) return String(n % 1_000_000).padStart(6, '0');
  }
}

/**
 * Stores a fresh code for a registered phone, replacing any earlier one, and answers the user's
 * language and the stored hash (null, and nothing stored, for an unregistered phone). The caller delivers the code.
 */
export async function storeOtp(
  ctx: IdentityContext,
  phone: string,
  code: string,
): Promise<{ language: Language; codeHash: string } | null> {
  const o = orm(ctx.db);
  const user = await o.select({ language: users.language }).from(users).where(eq(users.phone, phone)).get();
  if (!user) return null;
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  // A new code replaces the old one whole: a fresh salt, a fresh expiry and all attempts back.
  const fresh = {
    codeHash: await codeHash(salt, phone, code),
    salt,
    attempts: 0,
    expiresAt: ctx.now + OTP_TTL_SECONDS * 1000,
    createdAt: ctx.now,
  };
  await o
    .insert(otpCodes)
    .values({ phone, ...fresh })
    .onConflictDoUpdate({ target: otpCodes.phone, set: fresh })
    .run();
  return { language: user.language, codeHash: fresh.codeHash };
}

/**
 * Sends a fresh code to a registered phone through notifications. An unregistered phone gets
 * nothing, and the caller cannot tell: the answer is the same, a 503 included while notifications
 * is unreachable (`reachable` fails as the send would). A code that could not be sent is deleted,
 * so none is left valid that its owner never received.
 */
export async function requestOtp(ctx: IdentityContext, sms: SmsSender, phone: string, code = newCode()): Promise<void> {
  const stored = await storeOtp(ctx, phone, code);
  if (!stored) return sms.reachable();
  try {
    await sms.otp({ phone, code, language: stored.language });
  } catch (err) {
    // Only this code: a request that replaced it meanwhile keeps its own.
    await orm(ctx.db)
      .delete(otpCodes)
      .where(and(eq(otpCodes.phone, phone), eq(otpCodes.codeHash, stored.codeHash)))
      .run();
    throw err;
  }
}

const wrongCode = () => new AppError('unauthenticated', 'The code is wrong or expired; request a new one');

/**
 * Spends a code: each try spends one of 5 attempts before the comparison (so parallel guesses
 * spend them too); a right code is deleted in the same step that accepts it, so it works once.
 */
async function consumeOtp(ctx: IdentityContext, phone: string, code: string): Promise<Subject> {
  const o = orm(ctx.db);
  const row = await o
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.phone, phone), lt(otpCodes.attempts, OTP_MAX_ATTEMPTS), gt(otpCodes.expiresAt, ctx.now)))
    .returning({ codeHash: otpCodes.codeHash, salt: otpCodes.salt })
    .get();
  if (!row) throw wrongCode();
  const expected = row.codeHash;
  const actual = await codeHash(row.salt, phone, code);
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  if (diff !== 0) throw wrongCode();
  const [used] = await ctx.db.batch([
    statement(ctx.db, o.delete(otpCodes).where(and(eq(otpCodes.phone, phone), eq(otpCodes.codeHash, expected)))),
    statement(
      ctx.db,
      o
        .update(users)
        .set({ phoneVerifiedAt: sql`coalesce(${users.phoneVerifiedAt}, ${ctx.now})` })
        .where(eq(users.phone, phone)),
    ),
  ]);
  if (used.meta.changes !== 1) throw wrongCode();
  const user = await o
    .select({ id: users.id, role: users.role, vendorId: users.vendorId })
    .from(users)
    .where(eq(users.phone, phone))
    .get();
  if (!user) throw wrongCode();
  return user;
}

/** Exchanges a code for a session. */
export async function verifyOtp(ctx: IdentityContext, phone: string, code: string): Promise<TokenPair> {
  return startSession(ctx, await consumeOtp(ctx, phone, code), 'otp');
}

/**
 * A forgotten password: the code proves the phone, the new password replaces any old one, and
 * every session the account had ends, refresh and access tokens alike (whoever knew the old
 * password is signed out everywhere), before the one this reset starts.
 */
export async function resetPassword(ctx: IdentityContext, phone: string, code: string, password: string): Promise<TokenPair> {
  const user = await consumeOtp(ctx, phone, code);
  const hash = await hashPassword(password);
  await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db)
        .insert(passwords)
        .values({ userId: user.id, hash, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: ctx.now } }),
    ),
    ...endEverySessionStatements(ctx, user.id),
  ]);
  return startSession(ctx, user, 'otp');
}
