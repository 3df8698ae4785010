import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { get, problem } from './helpers';

describe('payments through the gateway', () => {
  it('shows a signed-in shopper their own (empty) wallet and refuses anonymous callers', async () => {
    await problem(await get('/v1/wallet'), 401, 'unauthenticated');
    const token = await mintDevToken({ userId: 'usr_walletowner', role: 'shopper' });
    const wallet = await get('/v1/wallet', { headers: { authorization: `Bearer ${token}` } });
    expect(wallet.status).toBe(200);
  });

  it('passes a provider webhook through untouched, so a bad signature is refused by payments (401)', async () => {
    const response = await get('/v1/webhooks/paystack', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paystack-signature': 'f'.repeat(128) },
      body: JSON.stringify({ event: 'charge.success', data: { reference: 'top_forged', amount: 100000, currency: 'KES' } }),
    });
    expect(response.status).toBe(401);
  });

  it('keeps the trial balance for admins', async () => {
    const shopper = await mintDevToken({ userId: 'usr_curious', role: 'shopper' });
    await problem(
      await get('/v1/admin/ledger/trial-balance', { headers: { authorization: `Bearer ${shopper}` } }),
      403,
      'forbidden',
    );
    const admin = await mintDevToken({ userId: 'usr_admin', role: 'admin' });
    const balance = await get('/v1/admin/ledger/trial-balance', { headers: { authorization: `Bearer ${admin}` } });
    expect(balance.status).toBe(200);
  });

  it('reports payments in /v1/health', async () => {
    expect(await (await get('/v1/health')).json()).toMatchObject({ services: { payments: { ok: true } } });
  });
});
