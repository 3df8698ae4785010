import { exports } from 'cloudflare:workers';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { TOKEN_VERSION_CLAIM } from '../contract';
import { call, lastCode, PASSWORD, problem, registerShopper, type Tokens } from './fixtures';

// A password reset or change ends every session: refresh tokens are revoked (identity refuses
// them) and the token version goes up, so the gateway refuses access tokens issued before it.

let ipCounter = 0;
const newIp = () => `198.51.100.${++ipCounter}`;
const versionOf = (token: string) => decodeJwt(token)[TOKEN_VERSION_CLAIM];

async function codeFor(phone: string, ip: string): Promise<string> {
  const requested = await call('/v1/auth/otp/request', { method: 'POST', json: { phone }, headers: { 'cf-connecting-ip': ip } });
  expect(requested.status).toBe(202);
  return lastCode(phone);
}

const changePassword = (accessToken: string, json: unknown, ip: string) =>
  call('/v1/me/password', { method: 'PUT', json, headers: { authorization: `Bearer ${accessToken}`, 'cf-connecting-ip': ip } });

describe('token version', () => {
  it('signs every access token with the user’s version, 0 for a new account', async () => {
    const shopper = await registerShopper();
    expect(versionOf(shopper.accessToken)).toBe(0);
    expect(await exports.default.tokenVersion(shopper.user.id)).toBe(0);
    const refreshed = (await (
      await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken: shopper.refreshToken } })
    ).json()) as Tokens;
    expect(versionOf(refreshed.accessToken)).toBe(0);
  });

  it('a password reset raises the version: the new session carries it, tokens from before do not', async () => {
    const ip = newIp();
    const shopper = await registerShopper();
    const code = await codeFor(shopper.phone, ip);
    const reset = await call('/v1/auth/password/reset', {
      method: 'POST',
      json: { phone: shopper.phone, code, password: 'a-reset-password' },
      headers: { 'cf-connecting-ip': ip },
    });
    expect(reset.status).toBe(200);
    const fresh = (await reset.json()) as Tokens;
    expect(await exports.default.tokenVersion(shopper.user.id)).toBe(1);
    expect(versionOf(fresh.accessToken)).toBe(1);
    expect(versionOf(shopper.accessToken)).toBe(0);
    await problem(
      await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken: shopper.refreshToken } }),
      401,
      'invalid_token',
    );
  });

  it('answers 0 for a user it does not know', async () => {
    expect(await exports.default.tokenVersion('usr_nobody000')).toBe(0);
  });
});

describe('PUT /v1/me/password', () => {
  it('changes the password with the current one, ends every session (refresh and access) and starts a new one', async () => {
    const ip = newIp();
    const shopper = await registerShopper();
    // A second device's session, from before the change.
    const other = (await (
      await call('/v1/auth/login', {
        method: 'POST',
        json: { phone: shopper.phone, password: PASSWORD },
        headers: { 'cf-connecting-ip': ip },
      })
    ).json()) as Tokens;
    const changed = await changePassword(shopper.accessToken, { currentPassword: PASSWORD, password: 'a-changed-password' }, ip);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('cache-control')).toBe('no-store');
    const fresh = (await changed.json()) as Tokens;
    expect(versionOf(fresh.accessToken)).toBe(1);
    expect(await exports.default.tokenVersion(shopper.user.id)).toBe(1);
    for (const refreshToken of [shopper.refreshToken, other.refreshToken]) {
      await problem(await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken } }), 401, 'invalid_token');
    }
    expect((await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken: fresh.refreshToken } })).status).toBe(200);
    const login = (password: string) =>
      call('/v1/auth/login', { method: 'POST', json: { phone: shopper.phone, password }, headers: { 'cf-connecting-ip': ip } });
    await problem(await login(PASSWORD), 401, 'unauthenticated');
    expect((await login('a-changed-password')).status).toBe(200);
  });

  it('refuses a wrong current password (403) and changes nothing', async () => {
    const ip = newIp();
    const shopper = await registerShopper();
    const body = await problem(
      await changePassword(shopper.accessToken, { currentPassword: 'not-my-password', password: 'a-changed-password' }, ip),
      403,
      'forbidden',
    );
    expect(body.detail).toBe('The current password is wrong');
    expect(await exports.default.tokenVersion(shopper.user.id)).toBe(0);
    expect((await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken: shopper.refreshToken } })).status).toBe(200);
  });

  it('answers 400 naming the field for a short new password, and 401 without a token', async () => {
    const shopper = await registerShopper();
    const short = await problem(
      await changePassword(shopper.accessToken, { currentPassword: PASSWORD, password: 'short' }, newIp()),
      400,
      'validation_failed',
    );
    expect(short.errors).toEqual([expect.objectContaining({ path: 'password' })]);
    await problem(
      await call('/v1/me/password', { method: 'PUT', json: { currentPassword: PASSWORD, password: 'a-changed-password' } }),
      401,
      'unauthenticated',
    );
  });
});
