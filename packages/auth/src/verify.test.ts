import { describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_JWKS, mintDevToken } from './dev-keys';
import { CLOCK_SKEW_SECONDS, verifyAccessToken } from './verify';

const config = { AUTH_JWKS: DEV_JWKS, AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: DEV_AUDIENCE };
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('verifyAccessToken and the clock', () => {
  it('accepts a token issued now, and one issued within the clock skew ahead', async () => {
    const now = await mintDevToken({ userId: 'usr_clock', role: 'shopper' });
    const ahead = await mintDevToken({ userId: 'usr_clock', role: 'shopper', issuedAt: nowSeconds() + CLOCK_SKEW_SECONDS - 5 });
    expect(await verifyAccessToken(now, config)).toEqual({ userId: 'usr_clock', role: 'shopper', vendorId: undefined });
    expect((await verifyAccessToken(ahead, config)).userId).toBe('usr_clock');
  });

  it('refuses a token whose iat is a day in the future', async () => {
    const token = await mintDevToken({ userId: 'usr_clock', role: 'shopper', issuedAt: nowSeconds() + 86_400, expiresIn: '2d' });
    await expect(verifyAccessToken(token, config)).rejects.toMatchObject({ code: 'invalid_token', status: 401 });
  });

  it('refuses a token whose iat is just past the skew', async () => {
    const token = await mintDevToken({ userId: 'usr_clock', role: 'shopper', issuedAt: nowSeconds() + CLOCK_SKEW_SECONDS + 30 });
    await expect(verifyAccessToken(token, config)).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('refuses a token whose nbf is in the future', async () => {
    const token = await mintDevToken({ userId: 'usr_clock', role: 'shopper', notBefore: '10m' });
    await expect(verifyAccessToken(token, config)).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('refuses a token it verified before once it has expired, and under another key set', async () => {
    const token = await mintDevToken({ userId: 'usr_clock', role: 'shopper', expiresIn: '10m' });
    expect((await verifyAccessToken(token, config)).userId).toBe('usr_clock');
    expect((await verifyAccessToken(token, config, Date.now() + 5 * 60_000)).userId).toBe('usr_clock');
    await expect(verifyAccessToken(token, config, Date.now() + 11 * 60_000)).rejects.toMatchObject({ code: 'invalid_token' });
    // Still good now: the expired answer above did not drop it.
    expect((await verifyAccessToken(token, config)).userId).toBe('usr_clock');
    const otherKeys = { ...config, AUTH_JWKS: JSON.stringify({ keys: [] }) };
    await expect(verifyAccessToken(token, otherKeys)).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(verifyAccessToken(token, { ...config, AUTH_AUDIENCE: 'another-api' })).rejects.toMatchObject({
      code: 'invalid_token',
    });
  });
});
