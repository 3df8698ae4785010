import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import {
  adminToken,
  COOKWARE,
  call,
  entriesWithRef,
  ledgerBalance,
  orderOf,
  paymentStatus,
  payments,
  problem,
  SMARTPHONES,
  shopper,
} from './preamble';

function codOrder(userId = newId('usr'), amount = 50_000, vendorId = newId('vnd')) {
  return { ...orderOf(userId, 'KES', [{ vendorId, lines: [{ categoryId: COOKWARE, amount }] }]), country: 'KE' };
}

describe('record()', () => {
  it('records a pay-on-delivery order without moving money', async () => {
    const order = codOrder();
    const before = await env.DB.prepare('SELECT count(*) AS n FROM journal_entries').first('n');
    expect(await payments.record(order)).toEqual({
      ok: true,
      paymentId: expect.stringMatching(/^pay_/),
      status: 'pay_on_delivery',
    });
    expect(await payments.record(order)).toMatchObject({ ok: true, status: 'pay_on_delivery' });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM journal_entries').first('n')).toBe(before);
    expect(await ledgerBalance('shopper_wallet', order.userId, 'KES')).toBe(0);
  });

  it("refuses an order above the country's limit with a sentence the shopper can read", async () => {
    const result = await payments.record(codOrder(newId('usr'), 3_000_001));
    expect(result).toEqual({
      ok: false,
      reason: 'cod_limit_exceeded',
      detail: expect.stringMatching(/^Pay on delivery in KE is limited to Ksh\s?30,000\.00 per order$/),
    });
  });

  it('refuses a country without pay on delivery, and a currency that is not the country’s', async () => {
    expect(await payments.record({ ...codOrder(), country: 'FR' })).toEqual({
      ok: false,
      reason: 'cod_unavailable',
      detail: 'Pay on delivery is not offered in FR',
    });
    expect(await payments.record({ ...codOrder(), country: 'NG' })).toEqual({
      ok: false,
      reason: 'cod_unavailable',
      detail: 'Pay on delivery in NG is in NGN only',
    });
  });

  it('lets a shopper hold at most 3 unpaid orders, even when 8 checkouts race, and frees a slot on void', async () => {
    const userId = newId('usr');
    const orders = Array.from({ length: 8 }, () => codOrder(userId));
    const results = await Promise.all(orders.map((o) => payments.record(o)));
    const accepted = orders.filter((_, i) => results[i].ok);
    expect(accepted).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toEqual({ ok: false, reason: 'cod_limit_exceeded', detail: expect.stringContaining('3 pay-on-delivery orders') });
    }
    // Another shopper is not affected.
    expect((await payments.record(codOrder())).ok).toBe(true);
    expect(await payments.void({ orderId: accepted[0].orderId, reason: 'shopper cancelled' })).toEqual({
      ok: true,
      status: 'voided',
    });
    expect((await payments.record(codOrder(userId))).ok).toBe(true);
  });

  it('answers invalid_input to a lower-case country and a missing one', async () => {
    expect(await payments.record({ ...codOrder(), country: 'ke' })).toMatchObject({ ok: false, reason: 'invalid_input' });
    const { country: _, ...noCountry } = codOrder();
    // Deliberately malformed: RPC callers are not type-checked by us.
    expect(await payments.record(noCountry as unknown as Parameters<typeof payments.record>[0])).toMatchObject({
      ok: false,
      reason: 'invalid_input',
    });
  });
});

describe('collect()', () => {
  it('moves the COD receivable to the vendor pending and the commission, once, recording cash', async () => {
    const vendorId = newId('vnd');
    const order = codOrder(newId('usr'), 50_000, vendorId);
    await payments.record(order);
    await payments.capture({ orderId: order.orderId });
    const vendorOrderId = order.vendorOrders[0].vendorOrderId;
    const receivable = await ledgerBalance('cod_receivable', null, 'KES');
    const input = { orderId: order.orderId, vendorOrderId, method: 'cash' as const, amount: 50_000 };
    const results = await Promise.all([1, 2, 3].map(() => payments.collect(input)));
    for (const r of results) expect(r).toEqual({ ok: true, status: 'collected', amount: 50_000 });
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(45_000);
    expect(await ledgerBalance('cod_receivable', null, 'KES')).toBe(receivable - 50_000);
    expect(await entriesWithRef(`collect:${vendorOrderId}`)).toBe(1);
    const row = await env.DB.prepare('SELECT status, collected_method FROM vendor_order_payments WHERE vendor_order_id = ?')
      .bind(vendorOrderId)
      .first();
    expect(row).toEqual({ status: 'collected', collected_method: 'cash' });
    expect(await paymentStatus(order.orderId)).toBe('collected');
  });

  it('refuses a different amount, an unknown vendor order and a wallet order', async () => {
    const order = codOrder();
    await payments.record(order);
    const vendorOrderId = order.vendorOrders[0].vendorOrderId;
    expect(await payments.collect({ orderId: order.orderId, vendorOrderId, method: 'mobile_money', amount: 49_999 })).toEqual({
      ok: false,
      reason: 'amount_mismatch',
      expected: 50_000,
    });
    expect(
      await payments.collect({ orderId: order.orderId, vendorOrderId: newId('vor'), method: 'cash', amount: 50_000 }),
    ).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await payments.collect({ orderId: newId('ord'), vendorOrderId, method: 'cash', amount: 50_000 })).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it('refunds a collected vendor order to the wallet, and cancels an uncollected one for nothing', async () => {
    const vendorId = newId('vnd');
    const userId = newId('usr');
    const order = {
      ...orderOf(userId, 'KES', [
        { vendorId, lines: [{ categoryId: SMARTPHONES, amount: 100_000 }] },
        { vendorId, lines: [{ categoryId: COOKWARE, amount: 20_000 }] },
      ]),
      country: 'KE',
    };
    await payments.record(order);
    await payments.capture({ orderId: order.orderId });
    const [phone, pan] = order.vendorOrders.map((v) => v.vendorOrderId);
    await payments.collect({ orderId: order.orderId, vendorOrderId: phone, method: 'mobile_money', amount: 100_000 });
    expect(await payments.refund({ orderId: order.orderId, reason: 'returned' })).toEqual({ ok: true, refunded: 100_000 });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(100_000);
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(0);
    expect(await payments.collect({ orderId: order.orderId, vendorOrderId: pan, method: 'cash', amount: 20_000 })).toEqual({
      ok: false,
      reason: 'refunded',
    });
  });
});

describe('POST /v1/admin/cod/:vendorOrderId/collect', () => {
  it('records a collection for the rider app, and is idempotent', async () => {
    const vendorId = newId('vnd');
    const order = codOrder(newId('usr'), 50_000, vendorId);
    await payments.record(order);
    const vendorOrderId = order.vendorOrders[0].vendorOrderId;
    const token = await adminToken();
    for (let i = 0; i < 2; i++) {
      const response = await call(`/v1/admin/cod/${vendorOrderId}/collect`, {
        method: 'POST',
        token,
        json: { orderId: order.orderId, method: 'mobile_money', amount: 50_000 },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'collected', amount: 50_000 });
    }
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(45_000);
  });

  it('answers 404, 409 and 400 problems for an unknown vendor order, a wrong amount and a bad body', async () => {
    const order = codOrder();
    await payments.record(order);
    const vendorOrderId = order.vendorOrders[0].vendorOrderId;
    const token = await adminToken();
    const post = (id: string, json: unknown) => call(`/v1/admin/cod/${id}/collect`, { method: 'POST', token, json });
    await problem(await post(newId('vor'), { orderId: order.orderId, method: 'cash', amount: 50_000 }), 404, 'not_found');
    const wrong = await problem(
      await post(vendorOrderId, { orderId: order.orderId, method: 'cash', amount: 1 }),
      409,
      'conflict',
    );
    expect(wrong).toMatchObject({ reason: 'amount_mismatch', expected: 50_000 });
    await problem(
      await post(vendorOrderId, { orderId: order.orderId, method: 'cheque', amount: 50_000 }),
      400,
      'validation_failed',
    );
    await problem(
      await post(vendorOrderId, { orderId: order.orderId, method: 'cash', amount: 50_000, tip: 5 }),
      400,
      'validation_failed',
    );
    await problem(await post('../x', { orderId: order.orderId, method: 'cash', amount: 50_000 }), 404, 'route_not_found');
  });

  it('answers 403 to a shopper and a vendor, 401 without a token, and moves nothing', async () => {
    const vendorId = newId('vnd');
    const order = codOrder(newId('usr'), 50_000, vendorId);
    await payments.record(order);
    const path = `/v1/admin/cod/${order.vendorOrders[0].vendorOrderId}/collect`;
    const json = { orderId: order.orderId, method: 'cash', amount: 50_000 };
    await problem(await call(path, { method: 'POST', token: (await shopper()).token, json }), 403, 'forbidden');
    const vendorToken = await mintDevToken({ userId: newId('usr'), role: 'vendor', vendorId });
    await problem(await call(path, { method: 'POST', token: vendorToken, json }), 403, 'forbidden');
    await problem(await call(path, { method: 'POST', json }), 401, 'unauthenticated');
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(0);
  });
});
