import { importJWK, SignJWT } from 'jose';
import keys from '../dev/dev-keys.json' with { type: 'json' };
import type { Role } from './claims';
import type { VendorRole } from './vendor-roles';

/**
 * DEVELOPMENT AND TEST ONLY. A fixed ES256 key pair so local dev and tests can
 * mint tokens until the identity service issues real ones. Production
 * configs carry identity's published JWKS instead, never this key.
 */
export const DEV_JWKS = JSON.stringify(keys.public);
export const DEV_ISSUER = 'https://identity.linkedall.local';
export const DEV_AUDIENCE = 'linked-all-api';

export type MintOptions = {
  userId: string;
  role: Role;
  vendorId?: string;
  /** The staff role in that shop; a vendor token without one is minted as the owner's. */
  vendorRole?: VendorRole;
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
  notBefore?: string | number;
  /** Seconds since the epoch; defaults to now (tests of clocks set it). */
  issuedAt?: number;
};

/** Signs an access token with the dev key (tests and local tooling only). */
export async function mintDevToken(options: MintOptions): Promise<string> {
  const key = await importJWK(keys.private, 'ES256');
  const jwt = new SignJWT({
    role: options.role,
    ...(options.vendorId ? { vendorId: options.vendorId, vendorRole: options.vendorRole ?? 'owner' } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.private.kid, typ: 'JWT' })
    .setSubject(options.userId)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setJti(crypto.randomUUID())
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '15m');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(key);
}
