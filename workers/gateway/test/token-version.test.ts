import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { isTokenCurrent, VERSION_TTL_MS } from '../src/middleware/token-version';
import { get, problem, smsCode } from './helpers';
import { browser, redirected } from './page-browser';

// After a password reset or change every token the user held stops working at the gateway:
// refresh tokens (identity revokes them) and access tokens (their version is older).

type Tokens = { accessToken: string; refreshToken: string };

const json = (body: unknown, headers: Record<string, string> = {}, method = 'POST') => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

let n = 0;
function newPhone() {
  n++;
  return `+25473${String(Date.now() % 10_000).padStart(4, '0')}${String(n).padStart(3, '0')}`;
}

async function shopper(password = 'first-password') {
  const phone = newPhone();
  const registered = await get('/v1/auth/register', json({ phone, password, name: 'Achieng' }));
  expect(registered.status).toBe(201);
  const tokens = (await registered.json()) as Tokens & { user: { id: string } };
  return { phone, password, ...tokens };
}

describe('access tokens end with the password', () => {
  it('a reset through the API: the access token that worked a moment ago is refused at once, the new one works', async () => {
    const me = await shopper();
    expect((await get('/v1/me', bearer(me.accessToken))).status).toBe(200);
    expect((await get('/v1/auth/otp/request', json({ phone: me.phone }))).status).toBe(202);
    const reset = await get(
      '/v1/auth/password/reset',
      json({ phone: me.phone, code: await smsCode(me.phone), password: 'second-password' }),
    );
    expect(reset.status).toBe(200);
    const fresh = (await reset.json()) as Tokens;
    const refused = await problem(await get('/v1/me', bearer(me.accessToken)), 401, 'invalid_token');
    expect(refused.detail).toBe('This access token was issued before a password change; sign in again');
    // Every service behind the gateway is protected by the same check, not only identity.
    await problem(await get('/v1/orders', bearer(me.accessToken)), 401, 'invalid_token');
    await problem(await get('/v1/auth/refresh', json({ refreshToken: me.refreshToken })), 401, 'invalid_token');
    expect((await get('/v1/me', bearer(fresh.accessToken))).status).toBe(200);
  });

  it('a password change through the API ends the other device’s access token too', async () => {
    const me = await shopper();
    const other = (await (await get('/v1/auth/login', json({ phone: me.phone, password: me.password }))).json()) as Tokens;
    expect((await get('/v1/me', bearer(other.accessToken))).status).toBe(200);
    const changed = await get(
      '/v1/me/password',
      json({ currentPassword: me.password, password: 'changed-password' }, { authorization: `Bearer ${me.accessToken}` }, 'PUT'),
    );
    expect(changed.status).toBe(200);
    const fresh = (await changed.json()) as Tokens;
    for (const token of [me.accessToken, other.accessToken])
      await problem(await get('/v1/me', bearer(token)), 401, 'invalid_token');
    await problem(await get('/v1/auth/refresh', json({ refreshToken: other.refreshToken })), 401, 'invalid_token');
    expect((await get('/v1/me', bearer(fresh.accessToken))).status).toBe(200);
  });

  it('an isolate that did not see the reset learns it from identity once its cached version is older than VERSION_TTL_MS', async () => {
    const me = await shopper();
    expect(await isTokenCurrent(env, me.accessToken, me.user.id)).toBe(true);
    // The reset happens elsewhere: identity's version rises without this isolate forwarding it.
    await env.IDENTITY_DB.prepare('UPDATE users SET token_version = token_version + 1 WHERE id = ?').bind(me.user.id).run();
    expect(await isTokenCurrent(env, me.accessToken, me.user.id)).toBe(true);
    expect(await isTokenCurrent(env, me.accessToken, me.user.id, Date.now() + VERSION_TTL_MS + 1)).toBe(false);
  });

  it('a reset on the pages signs every other browser out, access cookie and all', async () => {
    const phone = { national: '', e164: newPhone() };
    phone.national = `0${phone.e164.slice(4)}`;
    const first = browser();
    redirected(
      await first.post('/register', {
        country: 'KE',
        phone: phone.national,
        name: 'Wanjiru',
        password: 'old-password',
        next: '/account',
      }),
      `/signin/code?phone=${encodeURIComponent(phone.e164)}&next=%2Faccount`,
    );
    expect((await first.open('/account')).status).toBe(200);
    const second = browser();
    redirected(
      await second.post('/signin/forgot', { country: 'KE', phone: phone.national }),
      `/signin/forgot?phone=${encodeURIComponent(phone.e164)}`,
    );
    redirected(
      await second.post('/signin/forgot/reset', { phone: phone.e164, code: await smsCode(phone.e164), password: 'new-password' }),
      '/account',
    );
    expect((await second.open('/account')).status).toBe(200);
    redirected(await first.open('/account'), '/signin?next=%2Faccount');
  });
});
