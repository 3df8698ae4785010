import { AppError } from '@linked-all/http';
import type { MiddlewareHandler } from 'hono';
import type { Principal, Role } from './claims';
import { type AuthConfig, verifyAccessToken } from './verify';

export type AuthVariables = { principal: Principal | null };

type AuthEnv = { Bindings: AuthConfig; Variables: AuthVariables };

/** Reads a Bearer token if one is sent; a present but bad token is always a 401. */
export function authenticate(): MiddlewareHandler<AuthEnv> {
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
    c.set('principal', await verifyAccessToken(match[1], c.env));
    return next();
  };
}

/** Requires a verified caller with one of the roles (admin passes every role check only if listed). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) {
      throw new AppError('unauthenticated', 'Sign in and send your access token', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    if (!roles.includes(principal.role)) {
      throw new AppError('forbidden', `This needs the ${roles.join(' or ')} role`);
    }
    return next();
  };
}

/** The vendor id of a verified vendor caller, for scoping every vendor write. */
export function vendorOf(principal: Principal | null): string {
  if (!principal?.vendorId) throw new AppError('forbidden', 'This needs a vendor account');
  return principal.vendorId;
}
