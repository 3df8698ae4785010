import { env } from 'cloudflare:test';
import { verifyAccessToken } from '@linked-all/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/domain/demo-accounts';
import { hashPassword } from '../src/domain/password';
import { call, problem, registerShopper, type Tokens } from './fixtures';

let adminToken: string;

const setRole = (userId: string, role: unknown, token = adminToken) =>
  call(`/v1/admin/users/${userId}/role`, { method: 'PUT', token, json: { role } });

async function claimsAfterRefresh(refreshToken: string) {
  const tokens = (await (await call('/v1/auth/refresh', { method: 'POST', json: { refreshToken } })).json()) as Tokens;
  const jwks = await (await call('/.well-known/jwks.json')).text();
  return verifyAccessToken(tokens.accessToken, { ...env, AUTH_JWKS: jwks });
}

beforeAll(async () => {
  await seedDemoAccounts(env.DB, { hashPassword });
  const login = await call('/v1/auth/login', { method: 'POST', json: { email: 'admin@demo.test', password: DEMO_PASSWORD } });
  adminToken = ((await login.json()) as Tokens).accessToken;
});

describe('PUT /v1/admin/users/:id/role', () => {
  it('makes a shopper a rider (their next token says so) and a station agent, and back', async () => {
    const shopper = await registerShopper();
    const res = await setRole(shopper.user.id, 'rider');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: shopper.user.id, role: 'rider' });
    expect((await claimsAfterRefresh(shopper.refreshToken)).role).toBe('rider');
    expect(await (await setRole(shopper.user.id, 'station_agent')).json()).toMatchObject({ role: 'station_agent' });
    expect(await (await setRole(shopper.user.id, 'shopper')).json()).toMatchObject({ role: 'shopper' });
  });

  it('refuses to change a vendor or an admin (409), an unknown user (404) and bad input (400 naming the field)', async () => {
    const admin = await env.DB.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").first<{ id: string }>();
    await problem(await setRole(admin?.id ?? '', 'rider'), 409, 'conflict');
    await problem(await setRole('usr_nobody0000', 'rider'), 404, 'not_found');
    const bad = await problem(await setRole('usr_nobody0000', 'admin'), 400, 'validation_failed');
    expect((bad.errors as { path: string }[]).map((e) => e.path)).toEqual(['role']);
    const badId = await problem(await setRole('someone', 'rider'), 400, 'validation_failed');
    expect((badId.errors as { path: string }[]).map((e) => e.path)).toEqual(['id']);
  });

  it('is for admins only: 401 anonymous, 403 for a shopper promoting themselves', async () => {
    const shopper = await registerShopper();
    await problem(
      await call(`/v1/admin/users/${shopper.user.id}/role`, { method: 'PUT', json: { role: 'rider' } }),
      401,
      'unauthenticated',
    );
    await problem(await setRole(shopper.user.id, 'rider', shopper.accessToken), 403, 'forbidden');
    const row = await env.DB.prepare('SELECT role FROM users WHERE id = ?').bind(shopper.user.id).first<{ role: string }>();
    expect(row?.role).toBe('shopper');
  });
});
