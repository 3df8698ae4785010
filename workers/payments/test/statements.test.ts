import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { authorize } from '../src/checkout/authorize';
import { capture } from '../src/checkout/capture';
import { refund } from '../src/checkout/refund';
import { markDelivered, releaseDue } from '../src/checkout/release';
import { voidPayment } from '../src/checkout/void';
import { requestPayout } from '../src/payouts/payouts';
import { COOKWARE, fund, orderOf, SHOES, vendor } from './checkout-fixtures';
import { call, problem } from './fixtures';

const at = (iso: string) => ({ db: env.DB, now: Date.parse(iso) });

describe('GET /v1/vendor/statements', () => {
  it('answers the week from the ledger: opening, sales, commission, refunds, releases, payouts, closing', async () => {
    const me = await vendor();
    const other = newId('vnd');
    const userId = newId('usr');
    await fund(userId, 1_000_000, 'KES');
    const sale = (amount: number, categoryId = SHOES) =>
      orderOf(userId, 'KES', [
        { vendorId: me.vendorId, lines: [{ categoryId, amount }] },
        { vendorId: other, lines: [{ categoryId: COOKWARE, amount: 10_000 }] },
      ]);

    // Week 46: one sale, delivered at once (opening pending 85,000).
    const before = sale(100_000);
    await authorize(at('2026-11-10T09:00:00Z'), before);
    await capture(at('2026-11-10T09:01:00Z'), before);
    await markDelivered(
      at('2026-11-10T12:00:00Z'),
      { vendorOrderId: before.vendorOrders[0].vendorOrderId, deliveredAt: new Date('2026-11-10T12:00:00Z') },
      7,
    );

    // Week 47 (16–22 November): two sales, one voided before capture, one refunded; the week-46 sale released; a payout.
    const kept = sale(200_000);
    await authorize(at('2026-11-16T08:00:00Z'), kept);
    await capture(at('2026-11-16T08:01:00Z'), kept);
    const voided = sale(40_000, COOKWARE);
    await authorize(at('2026-11-17T08:00:00Z'), voided);
    await voidPayment(at('2026-11-17T08:05:00Z'), { orderId: voided.orderId, reason: 'out of stock' });
    const refunded = sale(20_000);
    await authorize(at('2026-11-18T08:00:00Z'), refunded);
    await capture(at('2026-11-18T08:01:00Z'), refunded);
    await refund(at('2026-11-19T08:00:00Z'), {
      orderId: refunded.orderId,
      vendorOrderId: refunded.vendorOrders[0].vendorOrderId,
      reason: 'damaged',
    });
    await releaseDue(at('2026-11-18T00:00:00Z'));
    await requestPayout(at('2026-11-20T10:00:00Z'), {
      vendorId: me.vendorId,
      amount: 50_000,
      currency: 'KES',
      phone: '+254712345678',
    });
    // Week 48: not in the statement.
    const after = sale(70_000);
    await authorize(at('2026-11-23T08:00:00Z'), after);

    const response = await call('/v1/vendor/statements?week=2026-W47', { token: me.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      week: '2026-W47',
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
      currencies: [
        {
          currency: 'KES',
          openingPending: 85_000,
          openingPayable: 0,
          // 200,000 + 20,000 of shoes at 15% (the 40,000 of cookware was voided: in and out)
          grossSales: 220_000,
          commission: 33_000,
          sales: 187_000,
          refunds: 17_000,
          releases: 85_000,
          payouts: 50_000,
          closingPending: 170_000,
          closingPayable: 35_000,
        },
      ],
    });
  });

  it('shows vendor B nothing of vendor A, and answers 400 for a week that does not exist', async () => {
    const a = await vendor();
    const b = await vendor();
    const userId = newId('usr');
    await fund(userId, 100_000, 'KES');
    await authorize(
      at('2026-11-17T08:00:00Z'),
      orderOf(userId, 'KES', [{ vendorId: a.vendorId, lines: [{ categoryId: SHOES, amount: 50_000 }] }]),
    );
    const mine = (await (await call('/v1/vendor/statements?week=2026-W47', { token: a.token })).json()) as {
      currencies: unknown[];
    };
    expect(mine.currencies).toHaveLength(1);
    expect(await (await call('/v1/vendor/statements?week=2026-W47', { token: b.token })).json()).toMatchObject({
      currencies: [],
    });
    await problem(
      await call(`/v1/vendor/statements?week=2026-W47&vendorId=${a.vendorId}`, { token: b.token }),
      400,
      'validation_failed',
    );
    await problem(await call('/v1/vendor/statements?week=2025-W53', { token: a.token }), 400, 'validation_failed');
    await problem(await call('/v1/vendor/statements?week=2026-47', { token: a.token }), 400, 'validation_failed');
    await problem(await call('/v1/vendor/statements', { token: a.token }), 400, 'validation_failed');
    // 2026 does have a week 53 (28 December is a Monday).
    expect((await call('/v1/vendor/statements?week=2026-W53', { token: a.token })).status).toBe(200);
  });
});
