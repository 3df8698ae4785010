import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { creditTopUp, payFromWallet } from '../src/domain/operations';
import { adminToken, call, problem, shopper } from './fixtures';

const ctx = () => ({ db: env.DB });

describe('GET /v1/wallet', () => {
  it('answers my balances per currency and my movements, newest first', async () => {
    const me = await shopper();
    await creditTopUp(
      ctx(),
      { ref: `topup:${newId('t')}`, userId: me.userId, provider: 'mpesa', amount: 3000, currency: 'KES' },
      undefined,
    );
    await creditTopUp(
      { db: env.DB, now: Date.now() + 1 },
      { ref: `topup:${newId('t')}`, userId: me.userId, provider: 'paystack', amount: 900, currency: 'NGN' },
    );
    await payFromWallet(
      { db: env.DB, now: Date.now() + 2 },
      {
        ref: `purchase:${newId('ord')}`,
        userId: me.userId,
        vendorId: newId('vnd'),
        amount: 1200,
        commission: 120,
        currency: 'KES',
      },
    );
    const response = await call('/v1/wallet', { token: me.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as {
      balances: unknown[];
      movements: { kind: string; amount: number; currency: string }[];
    };
    expect(body.balances).toEqual([
      { currency: 'KES', balance: 1800 },
      { currency: 'NGN', balance: 900 },
    ]);
    expect(body.movements.map((m) => [m.kind, m.amount, m.currency])).toEqual([
      ['purchase', -1200, 'KES'],
      ['topup', 900, 'NGN'],
      ['topup', 3000, 'KES'],
    ]);
  });

  it('shows at most the last 20 movements', async () => {
    const me = await shopper();
    for (let i = 0; i < 25; i++) {
      await creditTopUp(
        { db: env.DB, now: Date.now() + i },
        { ref: `topup:${newId('t')}`, userId: me.userId, provider: 'mpesa', amount: 1, currency: 'KES' },
      );
    }
    const body = (await (await call('/v1/wallet', { token: me.token })).json()) as { balances: unknown[]; movements: unknown[] };
    expect(body.balances).toEqual([{ currency: 'KES', balance: 25 }]);
    expect(body.movements).toHaveLength(20);
  });

  it('answers an empty wallet to a new shopper', async () => {
    const me = await shopper();
    expect(await (await call('/v1/wallet', { token: me.token })).json()).toEqual({ balances: [], movements: [] });
  });

  it("never shows shopper A's money to shopper B", async () => {
    const a = await shopper();
    const b = await shopper();
    await creditTopUp(ctx(), { ref: `topup:${newId('t')}`, userId: a.userId, provider: 'mpesa', amount: 5000, currency: 'KES' });
    const body = await (await call('/v1/wallet', { token: b.token })).json();
    expect(body).toEqual({ balances: [], movements: [] });
    // There is no path or query that names a wallet: extra input is ignored, never obeyed.
    const sneaky = await (await call(`/v1/wallet?userId=${a.userId}`, { token: b.token })).json();
    expect(sneaky).toEqual({ balances: [], movements: [] });
    await problem(await call(`/v1/wallet/${a.userId}`, { token: b.token }), 404, 'route_not_found');
  });

  it('answers 401 without a token and 401 with a forged one', async () => {
    await problem(await call('/v1/wallet'), 401, 'unauthenticated');
    await problem(await call('/v1/wallet', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }), 401, 'invalid_token');
  });
});

describe('GET /v1/admin/ledger/trial-balance', () => {
  it('answers zero per currency and the totals per account kind', async () => {
    const me = await shopper();
    const vendor = newId('vnd');
    await creditTopUp(ctx(), {
      ref: `topup:${newId('t')}`,
      userId: me.userId,
      provider: 'mpesa',
      amount: 10_000,
      currency: 'KES',
    });
    await payFromWallet(ctx(), {
      ref: `purchase:${newId('o')}`,
      userId: me.userId,
      vendorId: vendor,
      amount: 4000,
      commission: 400,
      currency: 'KES',
    });
    const response = await call('/v1/admin/ledger/trial-balance', { token: await adminToken() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      balanced: boolean;
      currencies: { currency: string; total: number }[];
      accounts: { kind: string; currency: string; total: number }[];
      unbalancedEntries: string[];
    };
    expect(body.balanced).toBe(true);
    expect(body.unbalancedEntries).toEqual([]);
    expect(body.currencies.length).toBeGreaterThan(0);
    for (const c of body.currencies) expect(c.total).toBe(0);
    const kes = Object.fromEntries(body.accounts.filter((a) => a.currency === 'KES').map((a) => [a.kind, a.total]));
    // Whatever other tests in this file posted, every kind's KES totals still net to zero.
    expect(Object.values(kes).reduce((s, t) => s + t, 0)).toBe(0);
    expect(kes.platform_commission).toBeGreaterThanOrEqual(400);
  });

  it('answers 403 to a shopper and a vendor, 401 without a token', async () => {
    const me = await shopper();
    await problem(await call('/v1/admin/ledger/trial-balance', { token: me.token }), 403, 'forbidden');
    const { mintDevToken } = await import('@linked-all/auth/dev-keys');
    const vendorToken = await mintDevToken({ userId: newId('usr'), role: 'vendor', vendorId: newId('vnd') });
    await problem(await call('/v1/admin/ledger/trial-balance', { token: vendorToken }), 403, 'forbidden');
    await problem(await call('/v1/admin/ledger/trial-balance'), 401, 'unauthenticated');
  });
});
