import { AppError } from '@linked-all/http';
import type { MiddlewareHandler } from 'hono';
import type { Principal, Role } from './claims';
import { type AuthConfig, verifyAccessToken } from './verify';

export type AuthVariables = { principal: Principal | null };

type AuthEnv = { Bindings: AuthConfig; Variables: AuthVariables };

/**
 * Reads a Bearer token if one is sent; a present but bad token is always a 401.
 * Keys come from the worker's `AUTH_JWKS` unless `config` says otherwise (identity
 * verifies against the key ring it signs with).
 */
export function authenticate<E extends { Bindings: object; Variables: AuthVariables } = AuthEnv>(
  config: (env: E['Bindings']) => AuthConfig | Promise<AuthConfig> = (env) => env as AuthConfig,
): MiddlewareHandler<E> {
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
    c.set('principal', await verifyAccessToken(match[1], await config(c.env)));
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
export function requireRoleOf(principal: Principal | null, ...roles: Role[]): Principal {
  const caller = callerOf(principal);
  if (!roles.includes(caller.role)) throw new AppError('forbidden', `This needs the ${roles.join(' or ')} role`);
  return caller;
}

/** Middleware form of `requireRoleOf`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    requireRoleOf(c.get('principal'), ...roles);
    return next();
  };
}

/** The vendor id of a verified vendor caller, for scoping every vendor write. */
export function vendorOf(principal: Principal | null): string {
  if (!principal?.vendorId) throw new AppError('forbidden', 'This needs a vendor account');
  return principal.vendorId;
}
