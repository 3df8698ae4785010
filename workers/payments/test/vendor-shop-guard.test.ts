import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { payableBalance, vendor } from './checkout-fixtures';
import { call, problem } from './fixtures';

describe('the shop guard on the vendor money routes', () => {
  it("answers 403 to a suspended vendor's older token on payouts and statements, and pays nothing out", async () => {
    const me = await vendor();
    await payableBalance(me.vendorId, 100_000);
    await env.IDENTITY_DB.prepare("UPDATE vendors SET status = 'suspended' WHERE id = ?").bind(me.vendorId).run();

    const payout = await call('/v1/vendor/payouts', {
      method: 'POST',
      token: me.token,
      headers: { 'idempotency-key': newId('idem') },
      json: { amount: 50_000, currency: 'KES', phone: '+254712345678' },
    });
    expect((await problem(payout, 403, 'forbidden')).detail).toBe('Vendor actions are closed: your shop is suspended');
    await problem(await call('/v1/vendor/payouts', { token: me.token }), 403, 'forbidden');
    await problem(await call('/v1/vendor/statements?week=2026-W47', { token: me.token }), 403, 'forbidden');
    const payouts = await env.DB.prepare('SELECT count(*) AS n FROM payouts WHERE vendor_id = ?')
      .bind(me.vendorId)
      .first<number>('n');
    expect(payouts).toBe(0);
  });

  it('lets a member of an approved shop read their payouts', async () => {
    const me = await vendor();
    expect((await call('/v1/vendor/payouts', { token: me.token })).status).toBe(200);
  });
});
