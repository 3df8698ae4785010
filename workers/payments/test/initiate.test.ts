import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { PaymentEvent } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { ledgerBalance, shopper } from './fixtures';
import { count, devAction, outboxEvents, PHONES, settled } from './provider-fixtures';

const order = (userId: string, extra: Record<string, unknown> = {}) => ({
  orderId: newId('ord'),
  userId,
  amount: 120_000,
  currency: 'KES',
  provider: 'mpesa',
  phone: PHONES.mpesa,
  ...extra,
});

describe('initiate() (checkout RPC)', () => {
  it('starts one charge per order, however often the saga asks', async () => {
    const me = await shopper();
    const input = order(me.userId);
    const results = await Promise.all([1, 2, 3].map(() => exports.default.initiate(input)));
    const ids = new Set(results.map((r) => (r.ok ? r.paymentId : null)));
    expect(ids.size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true, paymentId: expect.stringMatching(/^top_/), status: 'pending' });
    expect(await count('SELECT count(*) AS n FROM topups WHERE order_id = ?', input.orderId)).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM sandbox_charges WHERE provider = 'mpesa' AND request LIKE '%Order payment%' AND provider_reference IN (SELECT provider_reference FROM topups WHERE order_id = ?)",
        input.orderId,
      ),
    ).toBe(1);
    const again = await exports.default.initiate(input);
    expect(again).toMatchObject({ ok: true, paymentId: [...ids][0] });
  });

  it('credits the wallet and emits payment.completed with the orderId when the shopper pays', async () => {
    const me = await shopper();
    const input = order(me.userId);
    const started = await exports.default.initiate(input);
    if (!started.ok) throw new Error(started.detail);
    expect((await devAction(me.token, started.paymentId, 'approve')).status).toBe(200);
    expect(await settled(started.paymentId)).toBe('paid');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(120_000);
    const events = (await outboxEvents(started.paymentId)).map((e) => PaymentEvent.parse(e));
    expect(events.map((e) => [e.type, e.data.orderId])).toEqual([
      ['payment.initiated', input.orderId],
      ['payment.completed', input.orderId],
    ]);
    // An initiate after payment still names the same payment and says it is paid.
    expect(await exports.default.initiate(input)).toMatchObject({ ok: true, paymentId: started.paymentId, status: 'paid' });
  });

  it('emits payment.failed with the orderId and a reason when the shopper declines', async () => {
    const me = await shopper();
    const input = order(me.userId, { provider: 'mtn_momo', currency: 'UGX', amount: 50_000, phone: PHONES.mtn_momo });
    const started = await exports.default.initiate(input);
    if (!started.ok) throw new Error(started.detail);
    expect((await devAction(me.token, started.paymentId, 'decline')).status).toBe(200);
    expect(await settled(started.paymentId)).toBe('failed');
    const failed = (await outboxEvents(started.paymentId)).find((e) => e.type === 'payment.failed');
    expect(failed?.data).toMatchObject({ orderId: input.orderId, reason: 'APPROVAL_REJECTED' });
  });

  it('returns refusals as data, never throws', async () => {
    const me = await shopper();
    expect(await exports.default.initiate(order(me.userId, { currency: 'NGN' }))).toMatchObject({
      ok: false,
      reason: 'unsupported_currency',
    });
    expect(await exports.default.initiate(order(me.userId, { amount: 5 }))).toMatchObject({
      ok: false,
      reason: 'amount_out_of_range',
    });
    expect(await exports.default.initiate(order(me.userId, { phone: '+256772123456' }))).toMatchObject({
      ok: false,
      reason: 'invalid_phone',
    });
    expect(await exports.default.initiate(order(me.userId, { amount: 1.5 }))).toMatchObject({
      ok: false,
      reason: 'invalid_input',
    });
    expect(await exports.default.initiate({ ...order(me.userId), extra: true })).toMatchObject({
      ok: false,
      reason: 'invalid_input',
    });
    expect(await exports.default.initiate(null)).toMatchObject({ ok: false, reason: 'invalid_input' });
    expect(await count('SELECT count(*) AS n FROM topups WHERE user_id = ?', me.userId)).toBe(0);
    expect(env.ENVIRONMENT).toBe('development');
  });
});
