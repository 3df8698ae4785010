import { verifyAccessToken } from '@linked-all/auth';
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { keyRing, signAccessToken } from './signing-keys';

async function privateJwk(kid: string) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

const ISSUER = 'https://identity.test';
const AUDIENCE = 'linked-all-api';
const shopper = { userId: 'usr_rotation1', role: 'shopper' as const };

describe('signing keys during a rotation', () => {
  it('signs with the first key, publishes both, and tokens of either verify', async () => {
    const next = await privateJwk('2026-12');
    const current = await privateJwk('2026-11');
    const before = { IDENTITY_SIGNING_KEYS: JSON.stringify([current]), AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE };
    const during = { ...before, IDENTITY_SIGNING_KEYS: JSON.stringify([next, current]) };
    const oldToken = await signAccessToken(before, shopper);
    const newToken = await signAccessToken(during, shopper);
    expect(decodeProtectedHeader(oldToken).kid).toBe('2026-11');
    expect(decodeProtectedHeader(newToken).kid).toBe('2026-12');
    const ring = await keyRing(during);
    expect(ring.jwks.keys.map((k) => k.kid)).toEqual(['2026-12', '2026-11']);
    expect(ring.jwksText).not.toContain('"d"');
    const config = { AUTH_JWKS: ring.jwksText, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE };
    expect(await verifyAccessToken(oldToken, config)).toMatchObject({ userId: 'usr_rotation1' });
    expect(await verifyAccessToken(newToken, config)).toMatchObject({ userId: 'usr_rotation1' });
  });

  it('a token signed by a key we never published fails, even with our kid', async () => {
    const ours = await privateJwk('ours');
    const ring = await keyRing({ IDENTITY_SIGNING_KEYS: JSON.stringify([ours]) });
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'ours' })
      .setSubject('usr_attacker1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(crypto.randomUUID())
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(
      verifyAccessToken(forged, { AUTH_JWKS: ring.jwksText, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE }),
    ).rejects.toMatchObject({
      code: 'invalid_token',
    });
  });

  it('refuses a key set that is not private EC P-256 keys with kids', async () => {
    await expect(keyRing({ IDENTITY_SIGNING_KEYS: '[]' })).rejects.toThrow();
    await expect(keyRing({ IDENTITY_SIGNING_KEYS: JSON.stringify([{ kty: 'oct', k: 'abc', kid: 'x' }]) })).rejects.toThrow();
    await expect(keyRing({})).rejects.toThrow('IDENTITY_SIGNING_KEYS is not set');
  });
});
