import type { Principal } from '@linked-all/auth';
import { type CryptoKey, exportJWK, importJWK, type JWK, SignJWT } from 'jose';
import { z } from 'zod';
import { TOKEN_VERSION_CLAIM } from '../../contract';

/** Access tokens live 15 minutes; refresh tokens renew them. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

const PrivateJwk = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  d: z.string(),
  kid: z.string().min(1),
});
const SigningKeySet = z.array(PrivateJwk).min(1);

type KeyRing = { kid: string; signing: CryptoKey; jwks: { keys: JWK[] }; jwksText: string };

// Imported once per isolate, keyed by the secret's text, so a rotation (new text) applies without a restart.
let cached: { text: string; ring: Promise<KeyRing> } | undefined;

async function buildRing(text: string): Promise<KeyRing> {
  const keys = SigningKeySet.parse(JSON.parse(text));
  const publicKeys = await Promise.all(
    keys.map(async (jwk) => {
      // Export from an imported key: only public members can come out, whatever else the secret holds.
      const { d: _private, ...publicPart } = jwk;
      const exported = await exportJWK(await importJWK({ ...publicPart, kty: 'EC', crv: 'P-256' }, 'ES256'));
      return { kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y, kid: jwk.kid, alg: 'ES256', use: 'sig' };
    }),
  );
  const signing = (await importJWK({ ...keys[0], alg: 'ES256' }, 'ES256')) as CryptoKey;
  const jwks = { keys: publicKeys };
  return { kid: keys[0].kid, signing, jwks, jwksText: JSON.stringify(jwks) };
}

/**
 * The key ring from `IDENTITY_SIGNING_KEYS` (a JSON array of private EC P-256
 * JWKs with kid): the first key signs, every key is published, so during a
 * rotation tokens signed by the previous key still verify.
 */
export async function keyRing(env: Pick<IdentityEnv, 'IDENTITY_SIGNING_KEYS'>): Promise<KeyRing> {
  const text = env.IDENTITY_SIGNING_KEYS;
  if (!text) throw new Error('IDENTITY_SIGNING_KEYS is not set');
  if (cached?.text !== text) {
    const ring = buildRing(text);
    cached = { text, ring };
    // A bad secret must not stay cached as a rejected promise forever.
    ring.catch(() => {
      if (cached?.ring === ring) cached = undefined;
    });
  }
  return cached.ring;
}

export type TokenConfig = Pick<IdentityEnv, 'IDENTITY_SIGNING_KEYS' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE'>;

/** Signs a 15-minute ES256 access token with the claims every worker trusts, and the user's token version. */
export async function signAccessToken(
  env: TokenConfig,
  principal: Principal,
  now = Date.now(),
  tokenVersion = 0,
): Promise<string> {
  const ring = await keyRing(env);
  const iat = Math.floor(now / 1000);
  return new SignJWT({
    role: principal.role,
    ...(principal.vendorId ? { vendorId: principal.vendorId } : {}),
    ...(principal.vendorRole ? { vendorRole: principal.vendorRole } : {}),
    [TOKEN_VERSION_CLAIM]: tokenVersion,
  })
    .setProtectedHeader({ alg: 'ES256', kid: ring.kid, typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(env.AUTH_ISSUER)
    .setAudience(env.AUTH_AUDIENCE)
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(ring.signing);
}
