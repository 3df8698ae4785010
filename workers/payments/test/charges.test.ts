import { env } from 'cloudflare:test';
import { newId, openApiPaths } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { confirmTopUp, failTopUp, findCharge, recordCharge } from '../src/domain/topups';
import { fromMajor, toMajorString } from '../src/providers/limits';
import { mpesaResult } from '../src/providers/mpesa';
import { ledgerBalance } from './fixtures';
import { outboxEvents } from './provider-fixtures';

describe('charges', () => {
  it('fails a charge once however many settlements race, and a failed charge is never credited', async () => {
    const userId = newId('usr');
    const { charge } = await recordCharge(env.DB, { userId, provider: 'mtn_momo', amount: 5000, currency: 'UGX' });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => failTopUp(env.DB, charge, 'APPROVAL_REJECTED')));
    expect(results.filter((r) => r.failed)).toHaveLength(1);
    expect((await outboxEvents(charge.id)).map((e) => e.type)).toEqual(['payment.initiated', 'payment.failed']);
    const failed = await findCharge(env.DB, charge.id);
    expect(await confirmTopUp(env.DB, failed ?? charge, { amount: 5000, currency: 'UGX' })).toEqual({
      credited: false,
      reason: 'top-up already failed',
    });
    expect(await ledgerBalance('shopper_wallet', userId, 'UGX')).toBe(0);
  });

  it('does not fail a charge that was already paid', async () => {
    const userId = newId('usr');
    const { charge } = await recordCharge(env.DB, { userId, provider: 'mpesa', amount: 10_000, currency: 'KES' });
    expect(await confirmTopUp(env.DB, charge, { amount: 10_000, currency: 'KES' })).toEqual({ credited: true });
    expect(await failTopUp(env.DB, charge, 'late failure')).toEqual({ failed: false });
    expect((await findCharge(env.DB, charge.id))?.status).toBe('paid');
    expect((await outboxEvents(charge.id)).map((e) => e.type)).toEqual(['payment.initiated', 'payment.completed']);
  });

  it('keeps one charge per order under concurrent records', async () => {
    const orderId = newId('ord');
    const input = { userId: newId('usr'), provider: 'mpesa' as const, amount: 10_000, currency: 'KES' as const, orderId };
    const results = await Promise.all([1, 2, 3, 4].map(() => recordCharge(env.DB, input)));
    expect(new Set(results.map((r) => r.charge.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await outboxEvents(results[0].charge.id)).filter((e) => e.type === 'payment.initiated')).toHaveLength(1);
  });
});

describe('provider wire formats', () => {
  it('maps Daraja result codes: 0 paid, 1032 cancelled, 1037 not final, 1 and 2001 failed', () => {
    expect([0, 1032, 1037, 1, 2001].map(mpesaResult)).toEqual(['paid', 'cancelled', null, 'failed', 'failed']);
  });

  it('converts minor units to and from the major-unit amounts Flutterwave and MoMo speak', () => {
    expect(toMajorString(1050, 'KES')).toBe('10.50');
    expect(toMajorString(5, 'GHS')).toBe('0.05');
    expect(toMajorString(20000, 'UGX')).toBe('20000');
    expect(fromMajor('10.50', 'KES')).toBe(1050);
    expect(fromMajor(10.5, 'KES')).toBe(1050);
    expect(fromMajor('20000', 'UGX')).toBe(20000);
    expect(fromMajor('0.05', 'GHS')).toBe(5);
    expect(fromMajor('10.505', 'KES')).toBeNaN();
    expect(fromMajor('-1', 'KES')).toBeNaN();
    expect(fromMajor('1', 'XXX')).toBeNaN();
  });
});

describe('openapi()', () => {
  it('documents the top-up, webhook and dev sandbox routes', () => {
    expect(Object.keys(openApiPaths(createApp()))).toEqual(
      expect.arrayContaining([
        '/v1/wallet/topups',
        '/v1/wallet/topups/{topUpId}',
        '/v1/webhooks/paystack',
        '/v1/webhooks/flutterwave',
        '/v1/webhooks/mpesa/{token}',
        '/v1/webhooks/mtn_momo/{token}',
        '/v1/dev/payments/{paymentId}/{action}',
      ]),
    );
  });
});
