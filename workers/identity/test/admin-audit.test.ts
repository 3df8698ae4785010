// The audit log (issue 15): every admin write of identity records who, what, when and why in the
// write's own batch; a refused write records nothing; the console reads the rows over RPC.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/domain/demo-accounts';
import { hashPassword } from '../src/domain/password';
import { call, problem, registerShopper, type Tokens } from './fixtures';

let adminToken: string;
let adminId: string;
let vendorId: string;

async function auditRows(target: string) {
  const { results } = await env.DB.prepare('SELECT actor, action, target, reason FROM admin_audit WHERE target = ? ORDER BY id')
    .bind(target)
    .all();
  return results;
}

beforeAll(async () => {
  await seedDemoAccounts(env.DB, { hashPassword });
  const login = await call('/v1/auth/login', { method: 'POST', json: { email: 'admin@demo.test', password: DEMO_PASSWORD } });
  adminToken = ((await login.json()) as Tokens).accessToken;
  adminId = String((await env.DB.prepare("SELECT id FROM users WHERE email = 'admin@demo.test'").first())?.id);
  const owner = await registerShopper();
  const applied = await call('/v1/vendors', {
    method: 'POST',
    token: owner.accessToken,
    json: { businessName: 'Audit Shop', country: 'KE', currency: 'KES', payoutPhone: '+254711000009' },
  });
  vendorId = ((await applied.json()) as { id: string }).id;
});

describe('identity admin writes and their audit rows', () => {
  it('writes one row per approve and suspend, with the admin and the reason', async () => {
    expect((await call(`/v1/admin/vendors/${vendorId}/approve`, { method: 'POST', token: adminToken })).status).toBe(200);
    const suspended = await call(`/v1/admin/vendors/${vendorId}/suspend`, {
      method: 'POST',
      token: adminToken,
      json: { reason: 'Fake documents' },
    });
    expect(suspended.status).toBe(200);
    expect(await auditRows(vendorId)).toEqual([
      { actor: adminId, action: 'vendor.approve', target: vendorId, reason: null },
      { actor: adminId, action: 'vendor.suspend', target: vendorId, reason: 'Fake documents' },
    ]);
  });

  it('writes no row for a refused write (the batch guard), and none for a non-admin', async () => {
    await problem(
      await call(`/v1/admin/vendors/${vendorId}/suspend`, { method: 'POST', token: adminToken, json: { reason: 'Twice over' } }),
      409,
      'conflict',
    );
    const shopper = await registerShopper();
    await problem(
      await call(`/v1/admin/vendors/${vendorId}/close`, {
        method: 'POST',
        token: shopper.accessToken,
        json: { reason: 'Not mine' },
      }),
      403,
      'forbidden',
    );
    expect(await auditRows(vendorId)).toHaveLength(2);
  });

  it('answers the rows over RPC, newest first, filtered by actor, action family, target and date', async () => {
    const rpc = exports.default;
    const all = await rpc.adminAudit({ target: vendorId });
    expect(all.map((r) => r.action)).toEqual(['vendor.suspend', 'vendor.approve']);
    expect(all[0]).toMatchObject({ service: 'identity', actor: adminId, reason: 'Fake documents', at: expect.any(String) });
    expect(await rpc.adminAudit({ action: 'vendor.approve', target: vendorId })).toHaveLength(1);
    expect(await rpc.adminAudit({ action: 'vendor', actor: adminId, target: vendorId })).toHaveLength(2);
    expect(await rpc.adminAudit({ actor: 'usr_somebodyelse' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await rpc.adminAudit({ target: vendorId, from: today, to: today })).toHaveLength(2);
    expect(await rpc.adminAudit({ target: vendorId, to: '2020-01-01' })).toEqual([]);
  });
});
