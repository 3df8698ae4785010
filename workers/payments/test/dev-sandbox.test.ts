import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { adminToken, call, ledgerBalance, problem, shopper } from './fixtures';
import { chargeStatus, count, devAction, outboxEvents, sandboxRow, settled, topUp } from './provider-fixtures';

describe('POST /v1/dev/payments/:paymentId/:action', () => {
  it('approve makes the fake M-Pesa send its stkCallback to the real webhook route, which credits the wallet', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 25_000, currency: 'KES', provider: 'mpesa' });
    const response = await devAction(me.token, topUpId, 'approve');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      paymentId: topUpId,
      action: 'approve',
      providerStatus: 'paid',
      callback: { sent: true, status: 200 },
    });
    expect(await settled(topUpId)).toBe('paid');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(25_000);
    // The callback went through the webhook route: recorded as an M-Pesa event with its result code.
    const event = await env.DB.prepare('SELECT event, body FROM provider_events WHERE charge_id = ?')
      .bind(topUpId)
      .first<{ event: string; body: string }>();
    expect(event?.event).toBe('stkCallback:0');
    const items = JSON.parse(event?.body ?? '{}').Body.stkCallback.CallbackMetadata.Item as {
      Name: string;
      Value?: number | string;
    }[];
    expect(items.find((i) => i.Name === 'Amount')?.Value).toBe(250);
    expect(items.find((i) => i.Name === 'PhoneNumber')?.Value).toBe(254712345678);
  });

  it('an M-Pesa 1037 timeout keeps the charge pending, and a later approve ends it paid exactly once', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    expect(await (await devAction(me.token, topUpId, 'timeout')).json()).toMatchObject({
      providerStatus: 'timeout',
      callback: { sent: true, status: 200 },
    });
    const timeout = await env.DB.prepare('SELECT outcome FROM provider_events WHERE charge_id = ? AND event = ?').bind(
      topUpId,
      'stkCallback:1037',
    );
    await expect.poll(() => timeout.first('outcome'), { timeout: 15_000 }).toBe('recorded');
    expect(await chargeStatus(topUpId)).toBe('pending');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(0);

    expect((await devAction(me.token, topUpId, 'approve')).status).toBe(200);
    expect(await settled(topUpId)).toBe('paid');
    // A second approve is refused by the provider: a settled charge never changes again.
    await problem(await devAction(me.token, topUpId, 'approve'), 409, 'conflict');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(10_000);
    expect(await count('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?', `topup:${topUpId}`)).toBe(1);
    expect((await outboxEvents(topUpId)).map((e) => e.type)).toEqual(['payment.initiated', 'payment.completed']);
  });

  it('decline fails the charge once with payment.failed and moves no money (M-Pesa 1032, MoMo, Flutterwave)', async () => {
    const me = await shopper();
    const charges = [
      await topUp(me.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' }),
      await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo' }),
      await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'flutterwave' }),
    ];
    for (const { topUpId } of charges) expect((await devAction(me.token, topUpId, 'decline')).status).toBe(200);
    for (const { topUpId } of charges) {
      expect(await settled(topUpId)).toBe('failed');
      const failed = (await outboxEvents(topUpId)).filter((e) => e.type === 'payment.failed');
      expect(failed).toHaveLength(1);
    }
    const mpesaFailed = (await outboxEvents(charges[0].topUpId)).find((e) => e.type === 'payment.failed');
    expect(mpesaFailed?.data.reason).toBe('cancelled: Request cancelled by user');
    expect(await ledgerBalance('shopper_wallet', me.userId, 'KES')).toBe(0);
    expect(await ledgerBalance('shopper_wallet', me.userId, 'UGX')).toBe(0);
  });

  it('approve on MoMo calls back with PUT and credits; on Paystack and Flutterwave the signed webhook credits', async () => {
    const me = await shopper();
    const charges = [
      [await topUp(me.token, { amount: 20_000, currency: 'UGX', provider: 'mtn_momo' }), 'UGX', 20_000],
      [await topUp(me.token, { amount: 500_000, currency: 'NGN', provider: 'paystack' }), 'NGN', 500_000],
      [await topUp(me.token, { amount: 30_000, currency: 'KES', provider: 'flutterwave' }), 'KES', 30_000],
    ] as const;
    for (const [{ topUpId }] of charges) {
      expect(await (await devAction(me.token, topUpId, 'approve')).json()).toMatchObject({
        callback: { sent: true, status: 200 },
      });
    }
    for (const [{ topUpId }, currency, amount] of charges) {
      expect(await settled(topUpId)).toBe('paid');
      expect(await ledgerBalance('shopper_wallet', me.userId, currency)).toBe(amount);
    }
  });

  it("answers 404 to shopper B acting on shopper A's payment and changes nothing; an admin may act", async () => {
    const a = await shopper();
    const b = await shopper();
    const { topUpId } = await topUp(a.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    await problem(await devAction(b.token, topUpId, 'approve'), 404, 'not_found');
    const vendor = await mintDevToken({ userId: newId('usr'), role: 'vendor', vendorId: newId('vnd') });
    await problem(await devAction(vendor, topUpId, 'approve'), 404, 'not_found');
    await problem(await devAction('', topUpId, 'approve'), 401, 'unauthenticated');
    expect((await sandboxRow(topUpId))?.status).toBe('pending');
    expect((await devAction(await adminToken(), topUpId, 'decline')).status).toBe(200);
    expect(await settled(topUpId)).toBe('failed');
  });

  it('answers 400 to an unknown action or payment id and 404 to an unknown payment', async () => {
    const me = await shopper();
    await problem(
      await call(`/v1/dev/payments/${newId('top')}/refund`, { method: 'POST', token: me.token }),
      400,
      'validation_failed',
    );
    await problem(await call('/v1/dev/payments/ord_123/approve', { method: 'POST', token: me.token }), 400, 'validation_failed');
    await problem(await devAction(me.token, newId('top'), 'approve', '?callback=maybe'), 400, 'validation_failed');
    await problem(await devAction(me.token, newId('top'), 'approve'), 404, 'not_found');
  });

  it('does not exist when ENVIRONMENT is production or staging', async () => {
    const me = await shopper();
    const { topUpId } = await topUp(me.token, { amount: 10_000, currency: 'KES', provider: 'mpesa' });
    const app = createApp();
    for (const ENVIRONMENT of ['production', 'staging']) {
      const ctx = createExecutionContext();
      const response = await app.fetch(
        new Request(`https://payments.internal/v1/dev/payments/${topUpId}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await adminToken()}` },
        }),
        { ...env, ENVIRONMENT },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      await problem(response, 404, 'route_not_found');
    }
    expect((await sandboxRow(topUpId))?.status).toBe('pending');
  });
});
