import { AppError, describe, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import {
  LoginBody,
  OtpRequestBody,
  OtpRequested,
  OtpVerifyBody,
  PasswordResetBody,
  RefreshBody,
  RegisterBody,
  RegisterResponse,
  TokenPair,
} from '../../contract';
import type { IdentityContext } from '../domain/context';
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure, throttleKey } from '../domain/login-throttle';
import { OTP_TTL_SECONDS, requestOtp, resetPassword, verifyOtp } from '../domain/otp';
import { relayIdentityOutbox } from '../domain/relay';
import { endSession, passwordLogin, refreshSession, startSession } from '../domain/sessions';
import { notificationsSms } from '../domain/sms';
import { registerUser } from '../domain/users';
import type { IdentityApp } from '../env';

export function identityContext(c: Context<IdentityApp>): IdentityContext {
  return { db: c.env.DB, tokens: c.env, now: Date.now(), traceparent: c.get('traceparent') };
}

/** Tokens are credentials: never stored by a cache, never shown again. */
export function noStore(c: Context<IdentityApp>) {
  c.header('cache-control', 'no-store');
  c.header('pragma', 'no-cache');
}

const auth = { tags: ['auth'] };

/** Rate Limiting binding: a 429 with Retry-After (the binding's window is 60 s) when the key is over its limit. */
async function limit(limiter: RateLimit, key: string, detail: string) {
  const { success } = await limiter.limit({ key });
  if (!success) throw new AppError('rate_limited', detail, { headers: { 'retry-after': '60' } });
}

/** The client's IP as the gateway forwards it (identity has no public route of its own). */
export const clientIp = (c: Context<IdentityApp>) => c.req.header('cf-connecting-ip') ?? 'unknown';

export const authRoutes = new Hono<IdentityApp>()
  .post(
    '/register',
    describe({
      summary: 'Create a shopper account (signed in at once when a password is chosen)',
      ...auth,
      status: 201,
      response: RegisterResponse,
      problems: ['conflict'],
    }),
    validate('json', RegisterBody),
    async (c) => {
      const ctx = identityContext(c);
      const body = c.req.valid('json');
      const user = await registerUser(ctx, body);
      const tokens =
        body.password !== undefined
          ? await startSession(ctx, { id: user.id, role: user.role, vendorId: user.vendorId }, 'password')
          : {};
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      noStore(c);
      return c.json({ user, ...tokens }, 201);
    },
  )
  .post(
    '/login',
    describe({
      summary: 'Sign in with phone or e-mail and password',
      ...auth,
      response: TokenPair,
      problems: ['unauthenticated', 'rate_limited'],
    }),
    validate('json', LoginBody),
    async (c) => {
      const body = c.req.valid('json');
      const ctx = identityContext(c);
      // Per account AND client address: whoever guesses slows down only themselves (progressive
      // waits in D1, plus a coarse per-minute cap); the owner elsewhere, or by SMS code, is never locked out.
      const key = throttleKey(body.phone ?? body.email ?? '', clientIp(c));
      await limit(c.env.LOGIN_LIMITER, `login:${key}`, 'Too many sign-in attempts from here; wait a minute');
      await checkLoginThrottle(ctx.db, key, ctx.now);
      let tokens: TokenPair;
      try {
        tokens = await passwordLogin(ctx, body);
      } catch (err) {
        if (err instanceof AppError && err.code === 'unauthenticated') await recordLoginFailure(ctx.db, key, ctx.now);
        throw err;
      }
      await clearLoginFailures(ctx.db, key);
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      noStore(c);
      return c.json(tokens);
    },
  )
  .post(
    '/refresh',
    describe({
      summary: 'Exchange a refresh token for a new pair (the old one stops working)',
      ...auth,
      response: TokenPair,
      problems: ['invalid_token'],
    }),
    validate('json', RefreshBody),
    async (c) => {
      const tokens = await refreshSession(identityContext(c), c.req.valid('json').refreshToken);
      noStore(c);
      return c.json(tokens);
    },
  )
  .post(
    '/logout',
    describe({ summary: 'Revoke the session (refresh-token family) of a refresh token', ...auth, status: 204 }),
    validate('json', RefreshBody),
    async (c) => {
      await endSession(identityContext(c), c.req.valid('json').refreshToken, c.get('principal')?.userId);
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      return c.body(null, 204);
    },
  )
  .post(
    '/otp/request',
    describe({
      summary: 'Send a 6-digit sign-in code by SMS (same answer whether or not the phone is registered)',
      ...auth,
      status: 202,
      response: OtpRequested,
      problems: ['rate_limited', 'upstream_unavailable'],
    }),
    validate('json', OtpRequestBody),
    async (c) => {
      const { phone } = c.req.valid('json');
      await limit(c.env.OTP_IP_LIMITER, `otp:ip:${clientIp(c)}`, 'Too many code requests from this network; wait a minute');
      await limit(c.env.OTP_PHONE_LIMITER, `otp:phone:${phone}`, 'Too many codes for this phone; wait a minute');
      await requestOtp(identityContext(c), notificationsSms(c.env), phone);
      return c.json({ expiresIn: OTP_TTL_SECONDS }, 202);
    },
  )
  .post(
    '/otp/verify',
    describe({ summary: 'Sign in with the code', ...auth, response: TokenPair, problems: ['unauthenticated', 'rate_limited'] }),
    validate('json', OtpVerifyBody),
    async (c) => {
      const { phone, code } = c.req.valid('json');
      await limit(c.env.OTP_IP_LIMITER, `otp:ip:${clientIp(c)}`, 'Too many code attempts from this network; wait a minute');
      const tokens = await verifyOtp(identityContext(c), phone, code);
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      noStore(c);
      return c.json(tokens);
    },
  )
  .post(
    '/password/reset',
    describe({
      summary: 'Set a new password with the SMS code (request one at /otp/request); every other session is revoked',
      ...auth,
      response: TokenPair,
      problems: ['unauthenticated', 'rate_limited'],
    }),
    validate('json', PasswordResetBody),
    async (c) => {
      const { phone, code, password } = c.req.valid('json');
      await limit(c.env.OTP_IP_LIMITER, `otp:ip:${clientIp(c)}`, 'Too many code attempts from this network; wait a minute');
      const tokens = await resetPassword(identityContext(c), phone, code, password);
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      noStore(c);
      return c.json(tokens);
    },
  );
