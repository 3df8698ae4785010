import { AppError, guardedCall, log, traced } from '@linked-all/http';
import { TOKEN_VERSION_CLAIM, TokenPair } from '@linked-all/identity/contract';
import type { MiddlewareHandler } from 'hono';
import { decodeJwt } from 'jose';
import type { GatewayApp } from '../env';

// A password reset or change raises the user's token version in identity; an access token that
// carries an older version is refused here, so it dies with the password, not 15 minutes later.
//
// The version is cached per isolate for VERSION_TTL_MS: one identity RPC per user per isolate per
// half minute, nothing on the hot path in between. An isolate that saw the new version (a reset or
// change it forwarded, a token it verified) knows it at once; the others within VERSION_TTL_MS.
// While identity cannot answer, the check fails open on the last version known (the signature was
// verified, and the token expires within 15 minutes): an identity outage must not sign every
// shopper out of catalog, cart and orders.

export const VERSION_TTL_MS = 30_000;
/** Short: this call sits in front of every signed-in request until the breaker opens. */
const VERSION_DEADLINE_MS = 1_000;
const MAX_ENTRIES = 10_000;
const versions = new Map<string, { version: number; until: number }>();

/** Remembers a version this isolate saw; versions only go up, so a lower one never replaces a higher. */
export function noteTokenVersion(userId: string, version: number, now = Date.now()) {
  const known = versions.get(userId);
  if (known && known.version >= version && known.until > now) return;
  // A plain bound, not an LRU: an isolate lives minutes, and losing the cache costs one RPC per user.
  if (versions.size >= MAX_ENTRIES) versions.clear();
  versions.set(userId, { version: Math.max(version, known?.version ?? 0), until: now + VERSION_TTL_MS });
}

async function currentVersion(env: GatewayEnv, userId: string, now: number): Promise<number> {
  const known = versions.get(userId);
  if (known && known.until > now) return known.version;
  try {
    const version = await guardedCall('identity', { deadlineMs: VERSION_DEADLINE_MS }, () =>
      traced(env.IDENTITY).tokenVersion(userId),
    );
    noteTokenVersion(userId, version, now);
    return Math.max(version, known?.version ?? 0);
  } catch {
    log('warn', 'token version unknown: identity unavailable, last known version used', { userId });
    return known?.version ?? 0;
  }
}

/** The version a (verified) access token carries: tokens from before versions existed are version 0. */
function versionIn(token: string): number {
  const claim = decodeJwt(token)[TOKEN_VERSION_CLAIM];
  return typeof claim === 'number' && Number.isInteger(claim) ? claim : 0;
}

/** Whether a token that already verified was issued under the user's current password. */
export async function isTokenCurrent(env: GatewayEnv, token: string, userId: string, now = Date.now()): Promise<boolean> {
  const version = versionIn(token);
  const current = await currentVersion(env, userId, now);
  // A newer token than we knew of means a reset happened elsewhere: learn it now.
  if (version > current) noteTokenVersion(userId, version, now);
  return version >= current;
}

/** Learns the version of a token pair identity just issued (a page sign-in, reset or change). */
export function noteTokenPair(pair: TokenPair) {
  const claims = decodeJwt(pair.accessToken);
  if (typeof claims.sub === 'string') noteTokenVersion(claims.sub, versionIn(pair.accessToken));
}

// The API routes after which identity answers a pair whose version ends every older token.
const REISSUING = new Set(['/v1/auth/password/reset', '/v1/me/password']);

/**
 * After `authenticate`: a verified token of an older version is a 401 like any invalid token.
 * A successful reset or change forwarded through here teaches this isolate the new version at once.
 */
export function tokenVersionCheck(): MiddlewareHandler<GatewayApp> {
  return async (c, next) => {
    const principal = c.get('principal');
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (principal && token && !(await isTokenCurrent(c.env, token, principal.userId))) {
      throw new AppError('invalid_token', 'This access token was issued before a password change; sign in again', {
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    }
    await next();
    if (REISSUING.has(c.req.path) && c.res.status === 200) {
      const pair = TokenPair.safeParse(
        await c.res
          .clone()
          .json()
          .catch(() => null),
      );
      if (pair.success) noteTokenPair(pair.data);
    }
  };
}
