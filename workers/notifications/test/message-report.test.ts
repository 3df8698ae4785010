import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { notify, notifyPhone } from '../src/domain/notify';
import { SMS_PRICE_MICROS_PER_SEGMENT } from '../src/domain/prices';
import { seedShopper } from './fixtures';
import { withSmsProvidersDown } from './preamble';

const today = () => new Date().toISOString().slice(0, 10);

describe('the message cost report (adminMessageReport RPC)', () => {
  it('sums sent and failed messages, SMS segments and their listed cost per day, channel and country', async () => {
    const shopper = await seedShopper('en', 'amina@example.com');
    const sms = (sourceId: string, body: string) =>
      notifyPhone(env, {
        sourceId,
        phone: shopper.phone,
        userId: shopper.userId,
        language: 'en',
        template: 'notify.sms.otp',
        params: { code: body },
      });
    await sms('report-otp-1', '123456');
    await sms('report-otp-2', '654321');
    // Both SMS providers down: the message fails on its one channel (the queue would retry it).
    await withSmsProvidersDown(['africastalking', 'twilio'], async () => {
      await expect(sms('report-otp-3', '111111')).rejects.toThrow(/sms failed/);
    });
    // No SMS for this one (it does not matter enough), no push, no open page: e-mail.
    await notify(env, 'report-mail-1', {
      to: { kind: 'user', userId: shopper.userId },
      template: 'notify.sms.delivered',
      class: 'transactional',
      sms: false,
      params: { order: 'ORD12345' },
    });

    const answer = await exports.default.adminMessageReport({ from: today(), to: today() });
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    expect(answer.report).toEqual({
      from: today(),
      to: today(),
      currency: 'USD',
      rows: [
        { day: today(), channel: 'email', country: 'KE', sent: 1, failed: 0, segments: 0, costMicros: 400 },
        {
          day: today(),
          channel: 'sms',
          country: 'KE',
          sent: 2,
          failed: 1,
          segments: 2,
          costMicros: 2 * SMS_PRICE_MICROS_PER_SEGMENT.africastalking.KE,
        },
      ],
    });
    // Another period holds none of them.
    const before = await exports.default.adminMessageReport({ from: '2026-01-01', to: '2026-01-31' });
    expect(before).toEqual({ ok: true, report: { from: '2026-01-01', to: '2026-01-31', currency: 'USD', rows: [] } });
  });

  it('refuses a range that ends before it starts, or a day that is not one, naming the field', async () => {
    expect(await exports.default.adminMessageReport({ from: '2026-12-04', to: '2026-12-01' })).toEqual({
      ok: false,
      reason: 'validation_failed',
      errors: [{ path: 'to', message: 'Expected a day on or after from' }],
    });
    const bad = await exports.default.adminMessageReport({ from: 'yesterday', to: '2026-12-01' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toContain('from');
  });
});
