import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { trialBalance } from '../src/domain/balances';
import { DAY, fundedShopper, jobs, ledgerBalance, orderOf, payments, SHOES } from './preamble';

/**
 * Two vendors' shoes, 100,000 KES each (15% → 15,000 commission each): vendor A's parcel goes with
 * the platform's logistics (fee 20,000 → logistics revenue), vendor B delivers itself (fee 5,000
 * → its own share). The shopper pays 225,000.
 */
function feeOrder(userId: string) {
  const [a, b] = [newId('vnd'), newId('vnd')];
  const base = orderOf(userId, 'KES', [
    { vendorId: a, lines: [{ categoryId: SHOES, amount: 100_000 }] },
    { vendorId: b, lines: [{ categoryId: SHOES, amount: 100_000 }] },
  ]);
  const [voA, voB] = base.vendorOrders;
  return {
    a,
    b,
    order: {
      ...base,
      amount: 225_000,
      vendorOrders: [
        { ...voA, delivery: { fee: 20_000, payee: 'logistics' as const } },
        { ...voB, delivery: { fee: 5_000, payee: 'vendor' as const } },
      ],
    },
  };
}

describe('delivery fees in the ledger', () => {
  it('authorize books the fee to logistics revenue, or to the vendor that delivers itself, never as commission', async () => {
    const userId = await fundedShopper(300_000);
    const { a, b, order } = feeOrder(userId);
    const [logisticsBefore, commissionBefore] = [
      await ledgerBalance('logistics_revenue', null, 'KES'),
      await ledgerBalance('platform_commission', null, 'KES'),
    ];
    expect(await payments.authorize(order)).toMatchObject({ ok: true, status: 'authorized', commission: 30_000 });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(75_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(85_000);
    expect(await ledgerBalance('vendor_pending', b, 'KES')).toBe(90_000);
    expect(await ledgerBalance('logistics_revenue', null, 'KES')).toBe(logisticsBefore + 20_000);
    expect(await ledgerBalance('platform_commission', null, 'KES')).toBe(commissionBefore + 30_000);
    const lines = await env.DB.prepare(
      `SELECT a.kind, l.amount FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
       WHERE e.external_ref = ? ORDER BY l.line_no`,
    )
      .bind(`order:${order.orderId}`)
      .all<{ kind: string; amount: number }>();
    expect(lines.results).toEqual([
      { kind: 'shopper_wallet', amount: -225_000 },
      { kind: 'vendor_pending', amount: 85_000 },
      { kind: 'vendor_pending', amount: 90_000 },
      { kind: 'platform_commission', amount: 30_000 },
      { kind: 'logistics_revenue', amount: 20_000 },
    ]);
    expect((await trialBalance(env.DB)).balanced).toBe(true);
  });

  it('refuses an amount that leaves the delivery fees out', async () => {
    const { order } = feeOrder(newId('usr'));
    expect(await payments.authorize({ ...order, amount: 200_000 })).toMatchObject({
      ok: false,
      reason: 'invalid_input',
      detail: 'amount: The lines and delivery fees add up to 225000, not the amount',
    });
  });

  it('a refund of a cancelled vendor order gives the fee back, from logistics revenue or from the vendor', async () => {
    const userId = await fundedShopper(225_000);
    const { a, b, order } = feeOrder(userId);
    await payments.authorize(order);
    await payments.capture({ orderId: order.orderId });
    const logistics = await ledgerBalance('logistics_revenue', null, 'KES');
    expect(await payments.refund({ orderId: order.orderId, reason: 'cancelled_by_shopper' })).toEqual({
      ok: true,
      refunded: 225_000,
    });
    expect(await ledgerBalance('shopper_wallet', userId, 'KES')).toBe(225_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(0);
    expect(await ledgerBalance('vendor_pending', b, 'KES')).toBe(0);
    expect(await ledgerBalance('logistics_revenue', null, 'KES')).toBe(logistics - 20_000);
    expect((await trialBalance(env.DB)).balanced).toBe(true);
  });

  it('release moves only the vendor’s share to payable (the fee logistics kept stays there)', async () => {
    const userId = await fundedShopper(225_000);
    const { a, b, order } = feeOrder(userId);
    await payments.authorize(order);
    await payments.capture({ orderId: order.orderId });
    for (const vo of order.vendorOrders) {
      await payments.delivered({ vendorOrderId: vo.vendorOrderId, deliveredAt: new Date(Date.now() - 8 * DAY) });
    }
    await jobs(Date.now());
    expect(await ledgerBalance('vendor_payable', a, 'KES')).toBe(85_000);
    expect(await ledgerBalance('vendor_payable', b, 'KES')).toBe(90_000);
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(0);
    expect(await ledgerBalance('vendor_pending', b, 'KES')).toBe(0);
    expect((await trialBalance(env.DB)).balanced).toBe(true);
  });

  it('pay on delivery: the limit counts the fee, and the rider collects goods plus fee', async () => {
    const userId = newId('usr');
    const { a, order } = feeOrder(userId);
    // KE's limit is 3,000,000: goods just under it plus the fee go over.
    const [voA] = order.vendorOrders;
    const atLimit = {
      ...order,
      amount: 3_000_000 + 20_000,
      vendorOrders: [{ ...voA, lines: [{ categoryId: SHOES, amount: 3_000_000 }] }],
      country: 'KE',
    };
    expect(await payments.record(atLimit)).toMatchObject({ ok: false, reason: 'cod_limit_exceeded' });

    const cod = { ...order, country: 'KE' };
    expect(await payments.record(cod)).toMatchObject({ ok: true, status: 'pay_on_delivery' });
    await payments.capture({ orderId: order.orderId });
    expect(
      await payments.collect({ orderId: order.orderId, vendorOrderId: voA.vendorOrderId, method: 'cash', amount: 100_000 }),
    ).toEqual({ ok: false, reason: 'amount_mismatch', expected: 120_000 });
    const logistics = await ledgerBalance('logistics_revenue', null, 'KES');
    expect(
      await payments.collect({ orderId: order.orderId, vendorOrderId: voA.vendorOrderId, method: 'cash', amount: 120_000 }),
    ).toEqual({ ok: true, status: 'collected', amount: 120_000 });
    expect(await ledgerBalance('vendor_pending', a, 'KES')).toBe(85_000);
    expect(await ledgerBalance('logistics_revenue', null, 'KES')).toBe(logistics + 20_000);
    expect((await trialBalance(env.DB)).balanced).toBe(true);
  });
});
