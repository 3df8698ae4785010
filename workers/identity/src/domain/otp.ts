import { AppError } from '@linked-all/http';
import type { TokenPair } from '../../contract';
import type { IdentityContext } from './context';
import { hashPassword } from './password';
import { endEverySessionStatements, startSession } from './sessions';
import type { SmsSender } from './sms';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;

const MESSAGES = {
  en: (code: string) => `Your Linked All code is ${code}. It expires in 5 minutes. Never share it.`,
  fr: (code: string) => `Votre code Linked All est ${code}. Il expire dans 5 minutes. Ne le partagez jamais.`,
  sw: (code: string) => `Nambari yako ya Linked All ni ${code}. Itaisha baada ya dakika 5. Usiishiriki na mtu.`,
};

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
 * Sends a fresh code to a registered phone, replacing any earlier code. An
 * unregistered phone gets nothing, and the caller cannot tell: the answer is the same.
 */
export async function requestOtp(ctx: IdentityContext, sms: SmsSender, phone: string, code = newCode()): Promise<void> {
  const user = await ctx.db
    .prepare('SELECT language FROM users WHERE phone = ?')
    .bind(phone)
    .first<{ language: 'en' | 'fr' | 'sw' }>();
  if (!user) return;
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  await ctx.db
    .prepare(
      `INSERT INTO otp_codes (phone, code_hash, salt, attempts, expires_at, created_at) VALUES (?, ?, ?, 0, ?, ?)
       ON CONFLICT (phone) DO UPDATE SET code_hash = excluded.code_hash, salt = excluded.salt, attempts = 0,
         expires_at = excluded.expires_at, created_at = excluded.created_at`,
    )
    .bind(phone, await codeHash(salt, phone, code), salt, ctx.now + OTP_TTL_SECONDS * 1000, ctx.now)
    .run();
  await sms.send(phone, MESSAGES[user.language](code));
}

const wrongCode = () => new AppError('unauthenticated', 'The code is wrong or expired; request a new one');

type OtpUser = { id: string; role: 'shopper' | 'vendor' | 'admin'; vendor_id: string | null };

/**
 * Spends a code: each try spends one of 5 attempts before the comparison (so parallel guesses
 * spend them too); a right code is deleted in the same step that accepts it, so it works once.
 */
async function consumeOtp(ctx: IdentityContext, phone: string, code: string): Promise<OtpUser> {
  const row = await ctx.db
    .prepare(
      `UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = ? AND attempts < ? AND expires_at > ?
       RETURNING code_hash, salt`,
    )
    .bind(phone, OTP_MAX_ATTEMPTS, ctx.now)
    .first<{ code_hash: string; salt: string }>();
  if (!row) throw wrongCode();
  const expected = row.code_hash;
  const actual = await codeHash(row.salt, phone, code);
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  if (diff !== 0) throw wrongCode();
  const [used] = await ctx.db.batch([
    ctx.db.prepare('DELETE FROM otp_codes WHERE phone = ? AND code_hash = ?').bind(phone, expected),
    ctx.db.prepare('UPDATE users SET phone_verified_at = coalesce(phone_verified_at, ?) WHERE phone = ?').bind(ctx.now, phone),
  ]);
  if (used.meta.changes !== 1) throw wrongCode();
  const user = await ctx.db.prepare('SELECT id, role, vendor_id FROM users WHERE phone = ?').bind(phone).first<OtpUser>();
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
    ctx.db
      .prepare(
        `INSERT INTO passwords (user_id, hash, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
      )
      .bind(user.id, hash, ctx.now),
    ...endEverySessionStatements(ctx, user.id),
  ]);
  return startSession(ctx, user, 'otp');
}
