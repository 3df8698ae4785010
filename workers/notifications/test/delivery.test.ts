import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { PaymentFailed } from '@linked-all/events';
import { describe, expect, it } from 'vitest';
import { notify, releaseHeld } from '../src/domain/notify';
import { event, orderConfirmed, seedShopper, seedVendor, smsTo } from './fixtures';
import { smsArrived, withSmsProvidersDown } from './preamble';

describe('event → SMS', () => {
  it('sends one SMS per recipient when the same order.confirmed arrives three times, in the shopper’s language', async () => {
    const shopper = await seedShopper('fr');
    const vendor = await seedVendor();
    const confirmed = orderConfirmed(shopper.userId, vendor.vendorId);
    await env.TEST_NOTIFICATION_EVENTS.send(confirmed);
    await env.TEST_NOTIFICATION_EVENTS.send(confirmed);
    await smsArrived(shopper.phone, 'the shopper’s SMS');
    // The third copy after the first was handled: the processed-events table and the channel claim both hold.
    await env.TEST_NOTIFICATION_EVENTS.send(confirmed);
    await smsArrived(vendor.phone, 'the vendor’s SMS');
    await new Promise((r) => setTimeout(r, 2_000));

    const toShopper = await smsTo(shopper.phone);
    expect(toShopper).toHaveLength(1);
    expect(toShopper[0]?.provider).toBe('africastalking');
    expect(toShopper[0]?.body).toMatch(/^Linked All : commande [0-9A-Z]{8} confirmée, total .*4[\s  ]?500,00.*KES|Ksh/);
    const toVendor = await smsTo(vendor.phone);
    expect(toVendor).toHaveLength(1);
    expect(toVendor[0]?.body).toMatch(/^Linked All: new order [0-9A-Z]{8} for /);

    const cost = await env.DB.prepare(
      `SELECT d.provider, d.segments, d.encoding, d.cost_micros AS costMicros, d.cost_currency AS costCurrency
         FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.phone = ?`,
    )
      .bind(shopper.phone)
      .all();
    expect(cost.results).toEqual([
      // Our price list (src/domain/prices.ts): one GSM-7 segment to Kenya through Africa's Talking, in USD.
      { provider: 'africastalking', segments: 1, encoding: 'GSM-7', costMicros: 6_200, costCurrency: 'USD' },
    ]);
  });

  it('falls back to the second provider when Africa’s Talking is down', async () => {
    const shopper = await seedShopper('en');
    await withSmsProvidersDown(['africastalking'], async () => {
      await env.TEST_NOTIFICATION_EVENTS.send(
        event(PaymentFailed, {
          paymentId: 'pay_x1',
          userId: shopper.userId,
          amount: 250_000,
          currency: 'KES',
          provider: 'mpesa',
          reason: 'declined',
        }),
      );
      const [sms] = await smsArrived(shopper.phone, 'the fallback SMS');
      expect(sms?.provider).toBe('twilio');
      expect(sms?.body).toMatch(/^Linked All: your payment of .* failed\. No money was taken; please try again\.$/);
    });
  });
});

describe('quiet hours', () => {
  it('hold a marketing message until they end, but an OTP goes at once', async () => {
    const shopper = await seedShopper('sw');
    const now = Date.now();
    const minute = Math.floor(now / 60_000) % 1440;
    await env.DB.prepare(
      `INSERT INTO preferences (user_id, sms, email, push, marketing, quiet_start, quiet_end, utc_offset, updated_at)
       VALUES (?, 1, 1, 1, 1, ?, ?, 0, ?)`,
    )
      .bind(shopper.userId, (minute + 1439) % 1440, (minute + 60) % 1440, now)
      .run();

    await notify(env, 'campaign-1', {
      to: { kind: 'user', userId: shopper.userId },
      template: 'notify.sms.back_in_stock',
      class: 'marketing',
      sms: true,
      params: {},
    });
    const held = await env.DB.prepare(
      'SELECT status, hold_until AS holdUntil FROM notifications WHERE user_id = ? AND source_id = ?',
    )
      .bind(shopper.userId, 'campaign-1')
      .first<{ status: string; holdUntil: number }>();
    expect(held?.status).toBe('held');
    expect(await smsTo(shopper.phone)).toEqual([]);

    const otp = await exports.default.sendOtp({ phone: shopper.phone, code: '482913', language: 'sw' });
    expect(otp).toMatchObject({ ok: true });
    const [code] = await smsTo(shopper.phone);
    expect(code?.body).toBe('Nambari yako ya Linked All ni 482913. Itaisha baada ya dakika 5. Usiishiriki na mtu.');

    // The cron after the quiet hours sends what they held.
    await releaseHeld(env, (held?.holdUntil ?? 0) + 1);
    const all = await smsTo(shopper.phone);
    expect(all.map((s) => s.body)).toContain('Linked All: habari njema, bidhaa ulizotaka zimerudi. Jibu STOP kusitisha.');
  });
});

describe('identity’s security messages (sendSecuritySms)', () => {
  it('sends a staff invitation now, in the phone’s country language when the number has no account', async () => {
    const phone = '+2250700004242';
    const answer = await exports.default.sendSecuritySms({
      kind: 'staff_invitation',
      phone,
      language: null,
      shop: 'Abidjan Tissus',
    });
    expect(answer).toMatchObject({ ok: true, notificationId: expect.stringMatching(/^ntf_/) });
    expect((await smsTo(phone)).map((s) => s.body)).toEqual([
      'Abidjan Tissus vous invite à travailler pour sa boutique sur Linked All. Connectez-vous avec ce numéro pour accepter ou refuser.',
    ]);
  });

  it('sends a payout-phone code in the language asked for', async () => {
    const phone = '+2348000004242';
    const answer = await exports.default.sendSecuritySms({
      kind: 'payout_phone_code',
      phone,
      language: 'ar',
      code: '731904',
      shop: 'Lagos Gadgets',
    });
    expect(answer).toMatchObject({ ok: true });
    expect((await smsTo(phone)).map((s) => s.body)).toEqual([
      'Linked All: الرمز 731904 لجعل هذا الرقم رقم الدفع لمتجر Lagos Gadgets. إن لم تطلب ذلك فتجاهل هذه الرسالة.',
    ]);
  });

  it('answers a refusal, and sends nothing, for a message it cannot send', async () => {
    const phone = '+254700004243';
    const answer = await exports.default.sendSecuritySms({
      kind: 'payout_phone_code',
      phone,
      language: 'en',
      code: 'abc',
      shop: 'Nairobi Gadgets',
    });
    expect(answer).toEqual({ ok: false, reason: 'validation_failed', detail: expect.stringContaining('code') });
    expect(await smsTo(phone)).toEqual([]);
  });
});
