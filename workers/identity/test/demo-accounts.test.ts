import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/domain/demo-accounts';
import { hashPassword } from '../src/domain/password';
import { call } from './fixtures';

describe('demo accounts', () => {
  it('seeds the admin and five shoppers once; running again changes nothing', async () => {
    expect(await seedDemoAccounts(env.DB, { hashPassword })).toBe(6);
    expect(await seedDemoAccounts(env.DB, { hashPassword })).toBe(0);
    const { results } = await env.DB.prepare(
      "SELECT phone, email, role FROM users WHERE id LIKE 'usr_demo%' ORDER BY phone",
    ).all();
    expect(results).toEqual([
      { phone: '+254700000001', email: 'admin@demo.test', role: 'admin' },
      ...[1, 2, 3, 4, 5].map((n) => ({
        phone: `+2547000001${String(n).padStart(2, '0')}`,
        email: `shopper${n}@demo.test`,
        role: 'shopper',
      })),
    ]);
    expect(DEMO_ACCOUNTS).toHaveLength(6);
  });

  it('signs the admin in with demo-password and issues an admin token', async () => {
    const response = await call('/v1/auth/login', {
      method: 'POST',
      json: { email: 'admin@demo.test', password: DEMO_PASSWORD },
    });
    expect(response.status).toBe(200);
    const { accessToken } = (await response.json()) as { accessToken: string };
    const me = await call('/v1/me', { token: accessToken });
    expect(await me.json()).toMatchObject({ id: 'usr_demoadmin', role: 'admin', phone: '+254700000001' });
  });

  it('signs a shopper in by phone', async () => {
    const response = await call('/v1/auth/login', { method: 'POST', json: { phone: '+254700000103', password: DEMO_PASSWORD } });
    expect(response.status).toBe(200);
  });
});

describe('demo vendor accounts', () => {
  const shops = [
    { id: 'vnd_lagosgadgets', name: 'Lagos Gadgets', country: 'NG', currency: 'NGN' },
    { id: 'vnd_abidjanmode', name: 'Abidjan Mode', country: 'CI', currency: 'XOF' },
  ];

  it('creates vendor1@… vendorN@… owning the catalog’s shops, approved, once', async () => {
    expect(await seedDemoAccounts(env.DB, { hashPassword, shops })).toBe(2);
    expect(await seedDemoAccounts(env.DB, { hashPassword, shops })).toBe(0);
    const response = await call('/v1/auth/login', {
      method: 'POST',
      json: { email: 'vendor2@demo.test', password: DEMO_PASSWORD },
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    expect(await (await call('/v1/vendors/me', { token: accessToken })).json()).toMatchObject({
      id: 'vnd_abidjanmode',
      status: 'approved',
      myRole: 'owner',
      currency: 'XOF',
    });
    expect(await (await call('/v1/me', { token: accessToken })).json()).toMatchObject({
      role: 'vendor',
      vendorId: 'vnd_abidjanmode',
      phone: '+254700000202',
    });
  });
});
