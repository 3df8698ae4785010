import { AppError } from '@linked-all/http';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { AccessClaims, type Principal } from './claims';

export type AuthConfig = {
  /** JSON Web Key Set (public keys only) as published by identity. */
  AUTH_JWKS: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
};

// Parsed key sets are cached per isolate, keyed by the JWKS text, so a rotation
// (new text) takes effect without a restart and the hot path does no parsing.
const keySets = new Map<string, ReturnType<typeof createLocalJWKSet>>();

function keySet(jwks: string) {
  let set = keySets.get(jwks);
  if (!set) {
    set = createLocalJWKSet(JSON.parse(jwks) as JSONWebKeySet);
    keySets.clear();
    keySets.set(jwks, set);
  }
  return set;
}

/**
 * Verifies an ES256 access token: signature from the JWKS (by `kid`), issuer,
 * audience, expiry, and issued-at/not-before no later than now + CLOCK_SKEW_SECONDS. Only ES256 is accepted, so `alg: none` and
 * HS256 key-confusion tokens fail before any key is tried.
 */
// Clocks of issuer and verifier may disagree a little; a token issued further ahead than this
// was not issued by a sane clock (or was forged to outlive its expiry window) and is refused.
export const CLOCK_SKEW_SECONDS = 60;

export async function verifyAccessToken(token: string, config: AuthConfig, now = Date.now()): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, keySet(config.AUTH_JWKS), {
      algorithms: ['ES256'],
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      clockTolerance: 5,
      currentDate: new Date(now),
    });
    const claims = AccessClaims.parse(payload);
    const latest = Math.floor(now / 1000) + CLOCK_SKEW_SECONDS;
    // jose checks nbf, but not an iat in the future; both must be no later than now + skew.
    if ((claims.iat ?? 0) > latest || (claims.nbf ?? 0) > latest) throw new Error('token from the future');
    return { userId: claims.sub, role: claims.role, vendorId: claims.vendorId, vendorRole: claims.vendorRole };
  } catch {
    throw new AppError('invalid_token', 'The access token is invalid, expired or not meant for this API', {
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  }
}
