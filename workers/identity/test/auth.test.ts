import { env } from 'cloudflare:test';
import { verifyAccessToken } from '@linked-all/auth';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_JWKS } from '@linked-all/auth/dev-keys';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, newPhone, PASSWORD, problem, registerShopper, type Tokens } from './fixtures';

async function outbox(): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const { results } = await env.DB.prepare('SELECT body FROM outbox ORDER BY id').all<{ body: string }>();
  return results.map((r) => JSON.parse(r.body));
}

const login = (json: unknown, headers: Record<string, string> = {}) => call('/v1/auth/login', { method: 'POST', json, headers });
const refresh = (refreshToken: string) => call('/v1/auth/refresh', { method: 'POST', json: { refreshToken } });

describe('POST /v1/auth/register', () => {
  it('creates a shopper, signs them in and writes user.created without personal data', async () => {
    const phone = newPhone();
    const response = await call('/v1/auth/register', {
      method: 'POST',
      json: { phone, password: PASSWORD, name: 'Wanjiru', email: 'Wanjiru@Example.KE', language: 'sw' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Tokens & { user: Record<string, unknown> };
    expect(body.user).toEqual({
      id: expect.stringMatching(/^usr_/),
      phone,
      email: 'wanjiru@example.ke',
      name: 'Wanjiru',
      language: 'sw',
      role: 'shopper',
      vendorId: null,
      createdAt: expect.any(String),
    });
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const created = (await outbox()).find((e) => e.type === 'user.created' && e.data.userId === body.user.id);
    expect(created?.data).toEqual({ userId: body.user.id, role: 'shopper', language: 'sw' });
    const stored = await env.DB.prepare('SELECT hash FROM passwords WHERE user_id = ?')
      .bind(body.user.id)
      .first<{ hash: string }>();
    expect(stored?.hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored?.hash).not.toContain(PASSWORD);
  });

  it('creates a passwordless account without tokens (it signs in by one-time code)', async () => {
    const response = await call('/v1/auth/register', { method: 'POST', json: { phone: newPhone(), name: 'Kofi' } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('accessToken');
    expect(body.user).toMatchObject({ language: 'en', role: 'shopper' });
  });

  it('answers 409 for a phone or an e-mail (any case) that is already registered', async () => {
    const first = await registerShopper({ email: 'taken@demo.test' });
    const samePhone = await problem(
      await call('/v1/auth/register', { method: 'POST', json: { phone: first.phone, password: PASSWORD, name: 'B' } }),
      409,
      'conflict',
    );
    expect(samePhone.errors).toEqual([{ path: 'phone', message: 'Already registered' }]);
    const sameEmail = await problem(
      await call('/v1/auth/register', { method: 'POST', json: { phone: newPhone(), email: 'TAKEN@demo.test', name: 'C' } }),
      409,
      'conflict',
    );
    expect(sameEmail.errors).toEqual([{ path: 'email', message: 'Already registered' }]);
  });

  it.each([
    ['a phone without the country code', { phone: '0700000001', name: 'A' }, 'phone'],
    ['a phone with letters', { phone: '+2547000000ab', name: 'A' }, 'phone'],
    ['a phone starting with +0', { phone: '+0700000001', name: 'A' }, 'phone'],
    ['a password under 8 characters', { phone: '+254711111111', password: 'short', name: 'A' }, 'password'],
    ['an invalid e-mail', { phone: '+254711111111', email: 'not-an-email', name: 'A' }, 'email'],
    ['an unsupported language', { phone: '+254711111111', name: 'A', language: 'de' }, 'language'],
    ['an empty name', { phone: '+254711111111', name: '  ' }, 'name'],
    ['an unknown field', { phone: '+254711111111', name: 'A', role: 'admin' }, '(root)'],
  ])('answers 400 problem+json naming the field for %s', async (_, json, path) => {
    const body = await problem(await call('/v1/auth/register', { method: 'POST', json }), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 413 for a huge body, 400 for malformed JSON and 415 for a non-JSON body', async () => {
    const headers = { 'content-type': 'application/json' };
    await problem(
      await call('/v1/auth/register', {
        method: 'POST',
        headers,
        body: JSON.stringify({ phone: newPhone(), name: 'x'.repeat(20_000) }),
      }),
      413,
      'payload_too_large',
    );
    await problem(await call('/v1/auth/register', { method: 'POST', headers, body: '{"phone":' }), 400, 'malformed_json');
    await problem(
      await call('/v1/auth/register', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
      415,
      'unsupported_media_type',
    );
  });
});

describe('POST /v1/auth/login', () => {
  it('signs in by phone or by e-mail and writes user.login', async () => {
    const { phone, user } = await registerShopper({ email: 'login-me@demo.test' });
    for (const json of [
      { phone, password: PASSWORD },
      { email: 'LOGIN-ME@demo.test', password: PASSWORD },
    ]) {
      const response = await login(json);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
      });
    }
    expect((await outbox()).filter((e) => e.type === 'user.login' && e.data.userId === user.id)).toHaveLength(3);
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const { phone } = await registerShopper();
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: 'x', instance: 'x' });
    const wrong = await problem(await login({ phone, password: 'wrong-password' }), 401, 'unauthenticated');
    const unknown = await problem(await login({ phone: newPhone(), password: 'wrong-password' }), 401, 'unauthenticated');
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(wrong.detail).toBe('The phone, e-mail or password is wrong');
  });

  it('answers a passwordless account with the same 401 as a wrong password', async () => {
    const phone = newPhone();
    await call('/v1/auth/register', { method: 'POST', json: { phone, name: 'No Password' } });
    const body = await problem(await login({ phone, password: 'anything-at-all' }), 401, 'unauthenticated');
    expect(body.detail).toBe('The phone, e-mail or password is wrong');
  });

  it('answers 400 for both phone and e-mail, neither, or an unknown field', async () => {
    await problem(await login({ phone: '+254700000009', email: 'a@b.co', password: 'x' }), 400, 'validation_failed');
    await problem(await login({ password: 'x' }), 400, 'validation_failed');
    const body = await problem(await login({ phone: '+254700000009', password: 'x', remember: true }), 400, 'validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '(root)' })]));
  });

  it('slows the guesser down: 5 wrong passwords from one address, then 429 with a Retry-After that doubles', async () => {
    const phone = newPhone();
    const from = { 'cf-connecting-ip': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login({ phone, password: `guess-number-${i}` }, from)).status);
    expect(statuses).toEqual(Array(5).fill(401));
    const limited = await login({ phone, password: 'one-more-guess' }, from);
    const body = await problem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(10);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(15);
    expect(body.detail).toMatch(/Too many wrong passwords from here/);
    // The next failure (once the wait is over) doubles the wait.
    await env.DB.prepare('UPDATE login_failures SET locked_until = 0').run();
    await problem(await login({ phone, password: 'guess-after-wait' }, from), 401, 'unauthenticated');
    const longer = await login({ phone, password: 'and-again' }, from);
    await problem(longer, 429, 'rate_limited');
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(15);
  });

  it("never locks the real owner out: 10 wrong passwords from an attacker's address leave the owner's sign-in and SMS code open", async () => {
    const owner = await registerShopper();
    const attacker = { 'cf-connecting-ip': '198.51.100.66' };
    for (let i = 0; i < 10; i++) await login({ phone: owner.phone, password: `attacker-guess-${i}` }, attacker);
    await problem(await login({ phone: owner.phone, password: 'attacker-guess-10' }, attacker), 429, 'rate_limited');
    // The owner, from their own address, signs in with the right password at once.
    const mine = await login({ phone: owner.phone, password: PASSWORD }, { 'cf-connecting-ip': '192.0.2.10' });
    expect(mine.status).toBe(200);
    // And sign-in by SMS code stays open even from the attacker's address.
    expect((await call('/v1/auth/otp/request', { method: 'POST', json: { phone: owner.phone }, headers: attacker })).status).toBe(
      202,
    );
  });
});

describe('access tokens', () => {
  it('verify in any worker with verifyAccessToken and the published JWKS, with every claim', async () => {
    const { accessToken, user } = await registerShopper();
    const jwksResponse = await call('/.well-known/jwks.json');
    expect(jwksResponse.status).toBe(200);
    expect(jwksResponse.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = await jwksResponse.text();
    const principal = await verifyAccessToken(accessToken, {
      AUTH_JWKS: jwks,
      AUTH_ISSUER: env.AUTH_ISSUER,
      AUTH_AUDIENCE: env.AUTH_AUDIENCE,
    });
    expect(principal).toEqual({ userId: user.id, role: 'shopper', vendorId: undefined });
    expect(decodeProtectedHeader(accessToken)).toEqual({ alg: 'ES256', kid: 'dev-2026-11', typ: 'JWT' });
    const claims = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims).toEqual({
      sub: user.id,
      role: 'shopper',
      // The token version: a password reset or change raises it and the gateway refuses older tokens.
      tv: 0,
      iss: 'https://identity.linkedall.local',
      aud: 'linked-all-api',
      jti: expect.any(String),
      iat: expect.any(Number),
      exp: claims.iat + 900,
    });
  });

  it('verify with the dev AUTH_JWKS that the catalog and gateway trust today', async () => {
    const { accessToken, user } = await registerShopper();
    expect(
      await verifyAccessToken(accessToken, { AUTH_JWKS: DEV_JWKS, AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: DEV_AUDIENCE }),
    ).toMatchObject({
      userId: user.id,
    });
  });

  it('publishes public key parts only', async () => {
    const jwks = (await (await call('/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toEqual([
      { kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: 'dev-2026-11', alg: 'ES256', use: 'sig' },
    ]);
  });

  it('answers 401 invalid_token for a tampered token', async () => {
    const { accessToken } = await registerShopper();
    const [h, p, s] = accessToken.split('.');
    const payload = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    const forged = `${h}.${btoa(JSON.stringify({ ...payload, role: 'admin' }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')}.${s}`;
    await problem(await call('/v1/me', { token: forged }), 401, 'invalid_token');
    const unsigned = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${p}.`;
    await problem(await call('/v1/me', { token: unsigned }), 401, 'invalid_token');
  });
});

describe('POST /v1/auth/refresh', () => {
  it('rotates: the new pair works and the old refresh token does not', async () => {
    const first = await registerShopper();
    const response = await refresh(first.refreshToken);
    expect(response.status).toBe(200);
    const second = (await response.json()) as Tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await call('/v1/me', { token: second.accessToken })).status).toBe(200);
    const third = (await (await refresh(second.refreshToken)).json()) as Tokens;
    expect(third.refreshToken).toEqual(expect.any(String));
  });

  it('revokes the whole family, later tokens included, when a rotated token is reused', async () => {
    const first = await registerShopper();
    const second = (await (await refresh(first.refreshToken)).json()) as Tokens;
    const third = (await (await refresh(second.refreshToken)).json()) as Tokens;
    // An attacker replays the first token: refused, and the family dies.
    await problem(await refresh(first.refreshToken), 401, 'invalid_token');
    await problem(await refresh(third.refreshToken), 401, 'invalid_token');
    const { results } = await env.DB.prepare(
      'SELECT revoked_at FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE user_id = ? LIMIT 1)',
    )
      .bind(first.user.id)
      .all<{ revoked_at: number | null }>();
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('lets only one of two concurrent uses of a token succeed', async () => {
    const { refreshToken } = await registerShopper();
    const statuses = (await Promise.all([refresh(refreshToken), refresh(refreshToken)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('does not touch other sessions of the same user when one family is revoked', async () => {
    const { phone, refreshToken } = await registerShopper();
    const other = (await (await login({ phone, password: PASSWORD })).json()) as Tokens;
    await refresh(refreshToken);
    await refresh(refreshToken); // reuse: revokes the first family only
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('answers 401 for an unknown or malformed refresh token and 400 for a missing one', async () => {
    await problem(await refresh('A'.repeat(43)), 401, 'invalid_token');
    await problem(await refresh('not a token'), 401, 'invalid_token');
    await problem(await call('/v1/auth/refresh', { method: 'POST', json: {} }), 400, 'validation_failed');
  });

  it('answers 401 for an expired refresh token', async () => {
    const { refreshToken, user } = await registerShopper();
    await env.DB.prepare('UPDATE refresh_tokens SET expires_at = 1 WHERE user_id = ?').bind(user.id).run();
    await problem(await refresh(refreshToken), 401, 'invalid_token');
  });
});

describe('POST /v1/auth/logout', () => {
  it('revokes the session: its refresh token stops working; user.logout is written once', async () => {
    const { refreshToken, user } = await registerShopper();
    const response = await call('/v1/auth/logout', { method: 'POST', json: { refreshToken } });
    expect(response.status).toBe(204);
    expect((await call('/v1/auth/logout', { method: 'POST', json: { refreshToken } })).status).toBe(204);
    await problem(await refresh(refreshToken), 401, 'invalid_token');
    expect((await outbox()).filter((e) => e.type === 'user.logout' && e.data.userId === user.id)).toHaveLength(1);
  });

  it("does not let a signed-in user revoke someone else's session", async () => {
    const victim = await registerShopper();
    const attacker = await registerShopper();
    await call('/v1/auth/logout', { method: 'POST', token: attacker.accessToken, json: { refreshToken: victim.refreshToken } });
    expect((await refresh(victim.refreshToken)).status).toBe(200);
  });
});
