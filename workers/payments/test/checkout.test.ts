import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { OrderPaymentInput } from '../contract';
import { authorize } from '../src/checkout/authorize';
import { voidPayment } from '../src/checkout/void';
import { trialBalance } from '../src/domain/balances';
import {
  COOKWARE,
  entriesWithRef,
  fundedShopper,
  ledgerBalance,
  orderOf,
  paymentStatus,
  payments,
  SHOES,
  SMARTPHONES,
} from './preamble';

/** A funded shopper and a two-vendor KES order: phone 100,000 (5% → 5,000), shoes 20,000 + cookware 10,000 (15% + 10% → 4,000). */
async function twoVendorOrder(funds = 200_000) {
  const userId = await fundedShopper(funds);
  const [a, b] = [newId('vnd'), newId('vnd')];
  const order = orderOf(userId, 'KES', [
    { vendorId: a, lines: [{ categoryId: SMARTPHONES, amount: 100_000 }] },
    {
      vendorId: b,
      lines: [
        { categoryId: SHOES, amount: 20_000 },
        { categoryId: COOKWARE, amount: 10_000 },
      ],
    },
  ]);
  return { userId, a, b, order };
}

describe('authorize()', () => {
  it('debits the wallet once and credits each vendor pending its share and the platform the commission, in one entry', async () => {
    const { userId, a, b, order } = await twoVendorOrder();
    const commissionBefore = await ledgerBalance('platform_commission', null, 'KES');
    const result = await payments.authorize(order);
    expect(result).toEqual({ ok: true, paymentId: expect.stringMatching(/^pay_/), status: 'authorized', commission: 9_000 });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(70_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(95_000);
    expect(await ledgerBalance('vendor_pending', b, 'KES')).toBe(26_000);
    expect(await ledgerBalance('platform_commission', null, 'KES')).toBe(commissionBefore + 9_000);
    expect(await entriesWithRef(`order:${order.orderId}`)).toBe(1);
    expect((await trialBalance(env.DB)).balanced).toBe(true);
  });

  it('answers a repeated or concurrent authorize of the same order with the first payment and debits once', async () => {
    const { userId, order } = await twoVendorOrder();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => payments.authorize(order)));
    const ids = new Set(results.map((r) => (r.ok ? r.paymentId : r.reason)));
    expect(ids.size).toBe(1);
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(70_000);
    expect(await entriesWithRef(`order:${order.orderId}`)).toBe(1);
  });

  it('posts nothing when a void lands between its reads and its entry, and answers voided', async () => {
    const { userId, a, order } = await twoVendorOrder();
    // The saga's void arrives just after authorize has read "no payment, no void".
    let reads = 0;
    const db = new Proxy(env.DB, {
      get(target, key) {
        if (key !== 'batch') return Reflect.get(target, key).bind(target);
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          if (reads++ === 0) await voidPayment({ db: target }, { orderId: order.orderId, reason: 'gave up' });
          return results;
        };
      },
    });
    const parsed = OrderPaymentInput.parse(order);
    expect(await authorize({ db }, parsed)).toEqual({ ok: false, reason: 'voided' });
    expect(await entriesWithRef(`order:${order.orderId}`)).toBe(0);
    expect(await paymentStatus(order.orderId)).toBeNull();
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(200_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(0);
  });

  it('ends a race of authorize against void with the wallet whole and the ledger balanced', async () => {
    for (let i = 0; i < 5; i++) {
      const { userId, order } = await twoVendorOrder();
      await Promise.all([payments.authorize(order), payments.void({ orderId: order.orderId, reason: 'timeout' })]);
      // Whichever landed first, the void holds: nothing stays charged.
      expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(200_000);
      expect(await payments.authorize(order)).toEqual({ ok: false, reason: 'voided' });
      expect((await trialBalance(env.DB)).balanced).toBe(true);
    }
  });

  it('refuses insufficient_funds with what is available, and writes nothing', async () => {
    const { userId, order } = await twoVendorOrder(129_999);
    expect(await payments.authorize(order)).toEqual({ ok: false, reason: 'insufficient_funds', available: 129_999 });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(129_999);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM payments WHERE order_id = ?').bind(order.orderId).first('n')).toBe(0);
  });

  it('lets exactly 5 of 20 concurrent orders through a wallet that holds 5', async () => {
    const userId = await fundedShopper(50_000);
    const vendorId = newId('vnd');
    const orders = Array.from({ length: 20 }, () =>
      orderOf(userId, 'KES', [{ vendorId, lines: [{ categoryId: COOKWARE, amount: 10_000 }] }]),
    );
    const results = await Promise.all(orders.map((o) => payments.authorize(o)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'insufficient_funds')).toHaveLength(15);
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(0);
    expect(await ledgerBalance('vendor_pending', vendorId, 'KES')).toBe(5 * 9_000);
  });

  it('answers invalid_input for lines that do not add up, foreign ids and unknown fields, writing nothing', async () => {
    const { order } = await twoVendorOrder();
    const cases: unknown[] = [
      { ...order, amount: order.amount + 1 },
      { ...order, userId: 'someone' },
      { ...order, currency: 'XYZ' },
      { ...order, vendorOrders: [] },
      { ...order, extra: true },
      { ...order, vendorOrders: [order.vendorOrders[0], order.vendorOrders[0]], amount: 200_000 },
      { ...order, amount: 1.5 },
      null,
    ];
    for (const input of cases) {
      // Deliberately malformed: RPC callers are not type-checked by us.
      const result = await payments.authorize(input as unknown as Parameters<typeof payments.authorize>[0]);
      expect(result).toMatchObject({ ok: false, reason: 'invalid_input', detail: expect.any(String) });
    }
    expect(await entriesWithRef(`order:${order.orderId}`)).toBe(0);
  });
});

describe('capture() and void()', () => {
  it('void before capture gives the money back exactly once, and capture afterwards is refused', async () => {
    const { userId, a, order } = await twoVendorOrder();
    await payments.authorize(order);
    const voids = await Promise.all([1, 2, 3].map(() => payments.void({ orderId: order.orderId, reason: 'stock ran out' })));
    for (const v of voids) expect(v).toEqual({ ok: true, status: 'voided' });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(200_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(0);
    expect(await entriesWithRef(`void:${order.orderId}`)).toBe(1);
    expect(await payments.capture({ orderId: order.orderId })).toEqual({ ok: false, reason: 'voided' });
    // The saga retrying its authorize step after compensating charges nothing.
    expect(await payments.authorize(order)).toEqual({ ok: false, reason: 'voided' });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(200_000);
  });

  it('refuses to void after capture (already_captured) and keeps the payment', async () => {
    const { userId, order } = await twoVendorOrder();
    await payments.authorize(order);
    expect(await payments.capture({ orderId: order.orderId })).toEqual({ ok: true, status: 'captured' });
    expect(await payments.capture({ orderId: order.orderId })).toEqual({ ok: true, status: 'captured' });
    expect(await payments.void({ orderId: order.orderId, reason: 'late' })).toEqual({ ok: false, reason: 'already_captured' });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(70_000);
    expect(await entriesWithRef(`void:${order.orderId}`)).toBe(0);
  });

  it('ends a race of capture against void as exactly one of them', async () => {
    for (let i = 0; i < 5; i++) {
      const { userId, order } = await twoVendorOrder();
      await payments.authorize(order);
      const [captured, voided] = await Promise.all([
        payments.capture({ orderId: order.orderId }),
        payments.void({ orderId: order.orderId, reason: 'timeout' }),
      ]);
      expect([captured.ok, voided.ok]).toContain(true);
      expect(captured.ok && voided.ok).toBe(false);
      expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(captured.ok ? 70_000 : 200_000);
    }
  });

  it('answers nothing_to_void for an order never authorized, and refuses the authorize that arrives after it', async () => {
    const { userId, order } = await twoVendorOrder();
    expect(await payments.void({ orderId: order.orderId, reason: 'gave up' })).toEqual({ ok: true, status: 'nothing_to_void' });
    expect(await payments.authorize(order)).toEqual({ ok: false, reason: 'voided' });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(200_000);
  });

  it('answers not_found to capturing an unknown order', async () => {
    expect(await payments.capture({ orderId: newId('ord') })).toEqual({ ok: false, reason: 'not_found' });
    expect(await payments.capture({ orderId: 'nope' })).toMatchObject({ ok: false, reason: 'invalid_input' });
  });
});

describe('refund()', () => {
  it('is refused before capture', async () => {
    const { order } = await twoVendorOrder();
    await payments.authorize(order);
    expect(await payments.refund({ orderId: order.orderId, reason: 'changed mind' })).toEqual({
      ok: false,
      reason: 'not_captured',
    });
  });

  it('refunds one vendor order once (share from pending, commission reversed), then the rest of the order', async () => {
    const { userId, a, b, order } = await twoVendorOrder();
    await payments.authorize(order);
    await payments.capture({ orderId: order.orderId });
    const commission = await ledgerBalance('platform_commission', null, 'KES');
    const vendorOrderId = order.vendorOrders[1].vendorOrderId;
    const first = await Promise.all(
      [1, 2, 3].map(() => payments.refund({ orderId: order.orderId, vendorOrderId, reason: 'wrong size' })),
    );
    for (const r of first) expect(r).toEqual({ ok: true, refunded: 30_000 });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(100_000);
    expect(await ledgerBalance('vendor_pending', b, 'KES')).toBe(0);
    expect(await ledgerBalance('platform_commission', null, 'KES')).toBe(commission - 4_000);
    expect(await entriesWithRef(`refund:${vendorOrderId}`)).toBe(1);
    expect(await paymentStatus(order.orderId)).toBe('partially_refunded');

    expect(await payments.refund({ orderId: order.orderId, reason: 'cancelled' })).toEqual({ ok: true, refunded: 130_000 });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(200_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(0);
    expect(await paymentStatus(order.orderId)).toBe('refunded');
    const { results } = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'payment.refunded' AND body LIKE ?")
      .bind(`%${order.orderId}%`)
      .all();
    expect(results).toHaveLength(2);
  });

  it('answers not_found for a vendor order of another order', async () => {
    const one = await twoVendorOrder();
    const two = await twoVendorOrder();
    await payments.authorize(one.order);
    await payments.capture({ orderId: one.order.orderId });
    expect(
      await payments.refund({ orderId: one.order.orderId, vendorOrderId: two.order.vendorOrders[0].vendorOrderId, reason: 'x' }),
    ).toEqual({ ok: false, reason: 'not_found' });
  });
});
