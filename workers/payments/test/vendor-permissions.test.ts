import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { payableBalance, vendor } from './checkout-fixtures';
import { call, problem } from './fixtures';

/** A member of the shop with a staff role (identity writes the role into their token). */
async function member(vendorId: string, vendorRole: 'orders' | 'catalog' | 'finance' | 'manager') {
  return mintDevToken({ userId: newId('usr'), role: 'vendor', vendorId, vendorRole });
}

describe('the finance permission on the vendor money routes (defence in depth behind the gateway)', () => {
  it.each(['orders', 'catalog'] as const)(
    'answers 403 problem+json naming the permission to a %s member: no payout, no statement, no list',
    async (role) => {
      const shop = await vendor();
      await payableBalance(shop.vendorId, 100_000);
      const token = await member(shop.vendorId, role);
      const payout = await call('/v1/vendor/payouts', {
        method: 'POST',
        token,
        headers: { 'idempotency-key': newId('idem') },
        json: { amount: 50_000, currency: 'KES', phone: '+254712345678' },
      });
      const body = await problem(payout, 403, 'forbidden');
      expect(body).toMatchObject({
        detail: 'This needs the finance permission of your shop',
        permission: 'finance',
        instance: '/v1/vendor/payouts',
      });
      expect((await problem(await call('/v1/vendor/payouts', { token }), 403, 'forbidden')).permission).toBe('finance');
      await problem(await call('/v1/vendor/statements?week=2026-W47', { token }), 403, 'forbidden');
      const payouts = await env.DB.prepare('SELECT count(*) AS n FROM payouts WHERE vendor_id = ?')
        .bind(shop.vendorId)
        .first<number>('n');
      expect(payouts).toBe(0);
    },
  );

  it('lets a finance member and a manager read the money', async () => {
    const shop = await vendor();
    for (const role of ['finance', 'manager'] as const) {
      expect((await call('/v1/vendor/payouts', { token: await member(shop.vendorId, role) })).status).toBe(200);
    }
  });

  it("sends a finance member's payout only to the shop's payout phone: another number is 403 and pays nothing", async () => {
    const shop = await vendor();
    const shopPhone = '+254712000111';
    await env.IDENTITY_DB.prepare('UPDATE vendors SET payout_phone = ? WHERE id = ?').bind(shopPhone, shop.vendorId).run();
    await payableBalance(shop.vendorId, 100_000);
    const token = await member(shop.vendorId, 'finance');
    const payout = (phone: string) =>
      call('/v1/vendor/payouts', {
        method: 'POST',
        token,
        headers: { 'idempotency-key': newId('idem') },
        json: { amount: 20_000, currency: 'KES', phone },
      });
    const refused = await problem(await payout('+254799000222'), 403, 'forbidden');
    expect(refused.errors).toEqual([{ path: 'phone', message: "Not the shop's payout phone" }]);
    const count = () =>
      env.DB.prepare('SELECT count(*) AS n FROM payouts WHERE vendor_id = ?').bind(shop.vendorId).first<number>('n');
    expect(await count()).toBe(0);
    expect((await payout(shopPhone)).status).toBe(202);
    expect(await count()).toBe(1);
  });

  it('leaves other refusals to the app: no token is 401, a shopper is 403 for the vendor role', async () => {
    await problem(await call('/v1/vendor/payouts'), 401, 'unauthenticated');
    const shopperToken = await mintDevToken({ userId: newId('usr'), role: 'shopper' });
    const body = await problem(await call('/v1/vendor/payouts', { token: shopperToken }), 403, 'forbidden');
    expect(body.permission).toBeUndefined();
  });
});

describe('vendorBalance(token) RPC', () => {
  it("answers the caller's own shop's pending and payable now", async () => {
    const shop = await vendor();
    await payableBalance(shop.vendorId, 70_000);
    const answer = await exports.default.vendorBalance(shop.token);
    expect(answer).toEqual({
      ok: true,
      balance: {
        vendorId: shop.vendorId,
        currencies: [{ currency: 'KES', pending: 0, payable: 70_000 }],
        at: expect.any(String),
      },
    });
  });

  it("never shows vendor B's money to vendor A: each token sees its own shop only", async () => {
    const a = await vendor();
    const b = await vendor();
    await payableBalance(b.vendorId, 90_000);
    const answer = await exports.default.vendorBalance(a.token);
    expect(answer).toMatchObject({ ok: true, balance: { vendorId: a.vendorId, currencies: [] } });
  });

  it('refuses as data: a member without finance (403), a bad token (401), a suspended shop (403)', async () => {
    const shop = await vendor();
    expect(await exports.default.vendorBalance(await member(shop.vendorId, 'orders'))).toEqual({
      ok: false,
      status: 403,
      code: 'forbidden',
      detail: 'This needs the finance permission of your shop',
    });
    expect(await exports.default.vendorBalance('not-a-token')).toMatchObject({ ok: false, status: 401, code: 'unauthenticated' });
    const suspended = await vendor();
    await env.IDENTITY_DB.prepare("UPDATE vendors SET status = 'suspended' WHERE id = ?").bind(suspended.vendorId).run();
    expect(await exports.default.vendorBalance(suspended.token)).toMatchObject({ ok: false, status: 403 });
  });
});
