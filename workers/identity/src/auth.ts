import { type AuthVariables, type Principal, verifyAccessToken } from '@linked-all/auth';
import { AppError } from '@linked-all/http';
import type { MiddlewareHandler } from 'hono';
import { keyRing } from './domain/signing-keys';

type Env = { Bindings: IdentityEnv; Variables: AuthVariables };

/**
 * `authenticate()` of @linked-all/auth, verifying against identity's own key
 * ring instead of an `AUTH_JWKS` var: the keys that sign here are the keys
 * that verify here, so the two can never drift apart.
 */
export function authenticateOwnTokens(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) {
      c.set('principal', null);
      return next();
    }
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
    if (!match) {
      throw new AppError('invalid_token', 'Send the token as "Authorization: Bearer <token>"', {
        headers: { 'www-authenticate': 'Bearer error="invalid_request"' },
      });
    }
    const ring = await keyRing(c.env);
    c.set('principal', await verifyAccessToken(match[1], { ...c.env, AUTH_JWKS: ring.jwksText }));
    return next();
  };
}

/** The verified caller, or a 401. */
export function callerOf(principal: Principal | null): Principal {
  if (!principal) {
    throw new AppError('unauthenticated', 'Sign in and send your access token', { headers: { 'www-authenticate': 'Bearer' } });
  }
  return principal;
}

/** The verified caller if they hold one of the roles: 401 without a token, 403 with another role. */
export function requireRoleOf(principal: Principal | null, ...roles: Principal['role'][]): Principal {
  const caller = callerOf(principal);
  if (!roles.includes(caller.role)) throw new AppError('forbidden', `This needs the ${roles.join(' or ')} role`);
  return caller;
}
