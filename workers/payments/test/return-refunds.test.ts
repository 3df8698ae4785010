import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { capturedOrder, DAY, entriesWithRef, jobs, ledgerBalance, payments, unbalanced } from './preamble';

// Returns beside the whole-vendor-order refund and the release (issue 11, item 8): whatever the
// order and the timing, the shopper gets back at most what was paid, and the vendor is never both
// paid and charged back for the same returned goods. The captured order: 100,000 KES of shoes,
// 15% commission → 85,000 pending for the vendor.

async function delivered(daysAgo = 1) {
  const order = await capturedOrder();
  await payments.delivered({ vendorOrderId: order.vendorOrderId, deliveredAt: new Date(Date.now() - daysAgo * DAY) });
  return order;
}

const returnOf = (o: Awaited<ReturnType<typeof capturedOrder>>, goods: number, final = false) =>
  payments.refundReturn({ orderId: o.order.orderId, vendorOrderId: o.vendorOrderId, returnId: newId('ret'), goods, final });

describe('the whole refund of a vendor order after returns', () => {
  it('gives back only what the returns left: paid minus every earlier return refund', async () => {
    const o = await delivered();
    expect(await returnOf(o, 40_000)).toMatchObject({ ok: true, amount: 40_000, commission: 6_000, vendorShare: 34_000 });
    expect(await payments.refund({ orderId: o.order.orderId, vendorOrderId: o.vendorOrderId, reason: 'cancelled' })).toEqual({
      ok: true,
      refunded: 60_000,
    });
    // Asking again answers the same amount and moves nothing.
    expect(await payments.refund({ orderId: o.order.orderId, vendorOrderId: o.vendorOrderId, reason: 'again' })).toEqual({
      ok: true,
      refunded: 60_000,
    });
    expect(await ledgerBalance('shopper_wallet', o.userId, 'KES')).toBe(100_000);
    expect(await ledgerBalance('vendor_pending', o.vendorId, 'KES')).toBe(0);
    expect(await unbalanced()).toEqual([]);
  });

  it('after a return of everything, refunds nothing more and closes the vendor order', async () => {
    const o = await delivered();
    expect(await returnOf(o, 100_000, true)).toMatchObject({ ok: true, amount: 100_000 });
    expect(await payments.refund({ orderId: o.order.orderId, vendorOrderId: o.vendorOrderId, reason: 'cancelled' })).toEqual({
      ok: true,
      refunded: 0,
    });
    expect(await ledgerBalance('shopper_wallet', o.userId, 'KES')).toBe(100_000);
    expect(await entriesWithRef(`refund:${o.vendorOrderId}`)).toBe(0);
  });

  it('a return and a whole refund at once never give back more than was paid', async () => {
    for (let i = 0; i < 3; i++) {
      const o = await delivered();
      const [ret, whole] = await Promise.all([
        returnOf(o, 40_000),
        payments.refund({ orderId: o.order.orderId, vendorOrderId: o.vendorOrderId, reason: 'cancelled' }),
      ]);
      const back = (ret.ok ? ret.amount : 0) + (whole.ok ? whole.refunded : 0);
      expect(back).toBeLessThanOrEqual(100_000);
      expect(await ledgerBalance('shopper_wallet', o.userId, 'KES')).toBe(back);
      expect(await ledgerBalance('vendor_pending', o.vendorId, 'KES')).toBeGreaterThanOrEqual(0);
      // Whatever lost the race can finish afterwards, and the total is then exactly what was paid.
      if (!whole.ok) await payments.refund({ orderId: o.order.orderId, vendorOrderId: o.vendorOrderId, reason: 'again' });
      expect(await ledgerBalance('shopper_wallet', o.userId, 'KES')).toBe(100_000);
      expect(await ledgerBalance('vendor_pending', o.vendorId, 'KES')).toBe(0);
    }
    expect(await unbalanced()).toEqual([]);
  });

  it('two returns at once cannot together exceed the goods', async () => {
    const o = await delivered();
    const answers = await Promise.all([returnOf(o, 60_000), returnOf(o, 60_000)]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(await ledgerBalance('shopper_wallet', o.userId, 'KES')).toBe(60_000);
  });
});

describe('a return opened just before the release', () => {
  it('holds the release until the return is refunded; the vendor gets only what was not returned', async () => {
    const o = await delivered(6);
    const returnId = newId('ret');
    expect(await payments.holdRelease({ vendorOrderId: o.vendorOrderId, returnId })).toEqual({ ok: true });
    await jobs(Date.now() + 2 * DAY);
    expect(await ledgerBalance('vendor_payable', o.vendorId, 'KES')).toBe(0);
    expect(
      await payments.refundReturn({
        orderId: o.order.orderId,
        vendorOrderId: o.vendorOrderId,
        returnId,
        goods: 40_000,
        final: false,
      }),
    ).toMatchObject({ ok: true, takenFrom: 'pending', vendorShare: 34_000 });
    await jobs(Date.now() + 2 * DAY);
    expect(await ledgerBalance('vendor_payable', o.vendorId, 'KES')).toBe(51_000);
    expect(await ledgerBalance('vendor_pending', o.vendorId, 'KES')).toBe(0);
    expect(await ledgerBalance('shopper_wallet', o.userId, 'KES')).toBe(40_000);
  });

  it('a refused return drops its hold and the release goes ahead', async () => {
    const o = await delivered(6);
    const returnId = newId('ret');
    await payments.holdRelease({ vendorOrderId: o.vendorOrderId, returnId });
    expect(await payments.dropReleaseHold({ returnId })).toEqual({ ok: true });
    await jobs(Date.now() + 2 * DAY);
    expect(await ledgerBalance('vendor_payable', o.vendorId, 'KES')).toBe(85_000);
  });

  it('a hold and the release at once: either the return is refused or nothing is released, never both', async () => {
    for (let i = 0; i < 4; i++) {
      // The window closes in 2 s; the release job runs as if 3 s later, the hold as of now.
      const o = await capturedOrder();
      await payments.delivered({ vendorOrderId: o.vendorOrderId, deliveredAt: new Date(Date.now() - 7 * DAY + 2_000) });
      const returnId = newId('ret');
      const [hold] = await Promise.all([
        payments.holdRelease({ vendorOrderId: o.vendorOrderId, returnId }),
        jobs(Date.now() + 3_000),
      ]);
      const payable = await ledgerBalance('vendor_payable', o.vendorId, 'KES');
      if (hold.ok) expect(payable).toBe(0);
      else expect({ hold, payable }).toEqual({ hold: { ok: false, reason: 'window_closed' }, payable: 85_000 });
    }
  });

  it('refuses a hold once the money was released, and for an unknown vendor order', async () => {
    const o = await delivered(8);
    await jobs(Date.now());
    expect(await payments.holdRelease({ vendorOrderId: o.vendorOrderId, returnId: newId('ret') })).toEqual({
      ok: false,
      reason: 'window_closed',
    });
    expect(await payments.holdRelease({ vendorOrderId: newId('vor'), returnId: newId('ret') })).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await payments.holdRelease({ vendorOrderId: 'nope', returnId: newId('ret') })).toMatchObject({
      ok: false,
      reason: 'invalid_input',
    });
  });
});
