import { env } from 'cloudflare:test';
import type { SmsProviderName } from '../contract/enums';
import { orm } from '../src/db/orm';
import { smsSandboxOutages } from '../src/db/schema';
import { CALLBACK_TOKEN, form, type seedShopper, type seedVendor, smsTo, until } from './fixtures';

export type Shopper = Awaited<ReturnType<typeof seedShopper>>;
export type Vendor = Awaited<ReturnType<typeof seedVendor>>;

/**
 * Waits (the queues deliver in batches) until the sandbox providers sent `phone` at least `count`
 * SMS; answers them all, oldest first.
 */
export function smsArrived(phone: string, what: string, count = 1) {
  return until(
    what,
    () => smsTo(phone),
    (sms) => sms.length >= count,
  );
}

/** Runs `test` while these SMS providers answer 5xx (a sandbox outage), and ends the outage whatever happens. */
export async function withSmsProvidersDown(providers: [SmsProviderName, ...SmsProviderName[]], test: () => Promise<void>) {
  const db = orm(env.DB);
  await db.insert(smsSandboxOutages).values(providers.map((provider) => ({ provider })));
  try {
    await test();
  } finally {
    await db.delete(smsSandboxOutages);
  }
}

/** An SMS to our short code, as Africa's Talking's inbound callback posts it; `id` is its message id. */
export function inboundSms(from: string, text: string, id: string) {
  return form(`/v1/sms/inbound/africastalking?token=${CALLBACK_TOKEN}`, {
    from,
    to: '23456',
    text,
    id,
    date: '2026-12-04 10:00:00',
    linkId: 'lnk',
  });
}

/** One step of a USSD session, as Africa's Talking's callback posts it: `text` is every choice so far joined by `*`. */
export function ussd(phoneNumber: string, text: string, sessionId = 'ATUid_1', token = CALLBACK_TOKEN) {
  return form(`/v1/ussd/africastalking?token=${token}`, {
    sessionId,
    serviceCode: '*384*123#',
    phoneNumber,
    networkCode: '63902',
    text,
  });
}
