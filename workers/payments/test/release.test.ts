import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { payOut } from '../src/domain/operations';
import {
  adminToken,
  call,
  capturedOrder,
  DAY,
  entriesWithRef,
  fundedShopper,
  jobs,
  ledgerBalance,
  orderOf,
  payments,
  problem,
  SHOES,
  shopper,
  vendorOrderStatus,
} from './preamble';

describe('delivered() and the release job', () => {
  it('releases the share pending → payable once the 7-day return window has closed, once', async () => {
    const { vendorId, vendorOrderId } = await capturedOrder();
    const deliveredAt = new Date('2026-11-20T10:00:00Z');
    expect(await payments.delivered({ vendorOrderId, deliveredAt })).toEqual({ ok: true, releaseAt: '2026-11-27T10:00:00.000Z' });
    // The first delivery date wins.
    expect(await payments.delivered({ vendorOrderId, deliveredAt: '2026-11-22T10:00:00Z' })).toEqual({
      ok: true,
      releaseAt: '2026-11-27T10:00:00.000Z',
    });

    await jobs(Date.parse('2026-11-27T09:59:59Z'));
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(85_000);
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(0);

    await Promise.all([jobs(Date.parse('2026-11-27T10:00:00Z')), jobs(Date.parse('2026-11-27T10:00:01Z'))]);
    await jobs(Date.parse('2026-11-28T00:00:00Z'));
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(0);
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(85_000);
    expect(await entriesWithRef(`release:${vendorOrderId}`)).toBe(1);
  });

  it('a refund inside the window takes the share back from pending, and nothing is released later', async () => {
    const { userId, vendorId, order, vendorOrderId } = await capturedOrder();
    await payments.delivered({ vendorOrderId, deliveredAt: new Date(Date.now() - DAY) });
    expect(await payments.refund({ orderId: order.orderId, vendorOrderId, reason: 'returned' })).toEqual({
      ok: true,
      refunded: 100_000,
    });
    await jobs(Date.now() + 30 * DAY);
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(0);
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(0);
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(100_000);
    expect(await entriesWithRef(`release:${vendorOrderId}`)).toBe(0);
  });

  it('a refund after release takes the share back from payable, and is refused once it was paid out', async () => {
    const first = await capturedOrder();
    await payments.delivered({ vendorOrderId: first.vendorOrderId, deliveredAt: new Date(Date.now() - 8 * DAY) });
    await jobs(Date.now());
    expect(await payments.refund({ orderId: first.order.orderId, reason: 'late return' })).toEqual({
      ok: true,
      refunded: 100_000,
    });
    expect(await ledgerBalance('vendor_payable', first.vendorId, 'KES')).toBe(0);
    expect(await ledgerBalance('shopper_wallet', first.userId, 'KES')).toBe(100_000);

    const second = await capturedOrder();
    await payments.delivered({ vendorOrderId: second.vendorOrderId, deliveredAt: new Date(Date.now() - 8 * DAY) });
    await jobs(Date.now());
    // The vendor took the money out before the shopper asked.
    await payOut(
      { db: env.DB },
      { ref: `payout:${newId('pyt')}`, vendorId: second.vendorId, provider: 'mpesa', amount: 85_000, currency: 'KES' },
    );
    expect(await payments.refund({ orderId: second.order.orderId, reason: 'late return' })).toEqual({
      ok: false,
      reason: 'vendor_balance_insufficient',
    });
    expect(await ledgerBalance('shopper_wallet', second.userId, 'KES')).toBe(0);
    expect(await vendorOrderStatus(second.vendorOrderId)).toBe('released');
  });

  it('never releases an order that was not captured, and answers not_found for an unknown vendor order', async () => {
    const userId = await fundedShopper(100_000);
    const vendorId = newId('vnd');
    const order = orderOf(userId, 'KES', [{ vendorId, lines: [{ categoryId: SHOES, amount: 100_000 }] }]);
    await payments.authorize(order);
    await payments.delivered({
      vendorOrderId: order.vendorOrders[0].vendorOrderId,
      deliveredAt: new Date(Date.now() - 30 * DAY),
    });
    await jobs(Date.now());
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(0);
    expect(await payments.delivered({ vendorOrderId: newId('vor'), deliveredAt: new Date() })).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await payments.delivered({ vendorOrderId: newId('vor'), deliveredAt: 'yesterday' })).toMatchObject({
      ok: false,
      reason: 'invalid_input',
    });
  });

  it('the cron (scheduled) runs the release job', async () => {
    const { vendorId, vendorOrderId } = await capturedOrder();
    await payments.delivered({ vendorOrderId, deliveredAt: new Date(Date.now() - 8 * DAY) });
    await payments.scheduled();
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(85_000);
  });

  it('POST /v1/dev/payments/release-due moves the clock for tests: admin only, releases what is due by asOf', async () => {
    const { vendorId, vendorOrderId } = await capturedOrder();
    await payments.delivered({ vendorOrderId, deliveredAt: new Date() });
    const { token } = await shopper();
    const json = { asOf: new Date(Date.now() + 8 * DAY).toISOString() };
    await problem(await call('/v1/dev/payments/release-due', { method: 'POST', json }), 401, 'unauthenticated');
    await problem(await call('/v1/dev/payments/release-due', { method: 'POST', token, json }), 403, 'forbidden');
    const admin = await adminToken();
    const bad = await problem(
      await call('/v1/dev/payments/release-due', { method: 'POST', token: admin, json: { asOf: 'next week' } }),
      400,
      'validation_failed',
    );
    expect(bad.errors).toEqual([{ path: 'asOf', message: expect.any(String) }]);
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(0);
    const res = await call('/v1/dev/payments/release-due', { method: 'POST', token: admin, json });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ asOf: json.asOf, released: expect.any(Number) });
    expect(await ledgerBalance('vendor_payable', vendorId, 'KES')).toBe(85_000);
  });
});
