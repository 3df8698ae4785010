import type { SmsProviderName } from '../../contract/enums';

// What each message costs us, as data: the providers' list prices per SMS segment by destination
// country, and the e-mail API's price per message, in millionths of a US dollar. One currency so
// the console can add SMS of Kenya and Nigeria together; providers bill in USD (Twilio) or
// convert at their rate (Africa's Talking quotes local currency: that answer stays in the metrics
// sink). A country missing here costs the provider's `default`. Update with the providers' price
// lists; a change applies to messages sent after it (each delivery keeps the cost it was given).
export const SMS_PRICE_MICROS_PER_SEGMENT: Record<SmsProviderName, Record<string, number> & { default: number }> = {
  africastalking: {
    KE: 6_200,
    TZ: 9_500,
    UG: 8_100,
    RW: 10_500,
    NG: 2_600,
    GH: 9_800,
    ZA: 15_000,
    CI: 30_000,
    SN: 33_000,
    CM: 28_000,
    EG: 45_000,
    MA: 60_000,
    MZ: 20_000,
    AO: 25_000,
    default: 50_000,
  },
  twilio: {
    KE: 168_500,
    TZ: 201_300,
    UG: 199_200,
    RW: 148_900,
    NG: 222_000,
    GH: 293_100,
    ZA: 45_500,
    CI: 245_900,
    SN: 304_000,
    CM: 241_400,
    EG: 232_000,
    MA: 285_100,
    MZ: 155_500,
    AO: 120_300,
    default: 250_000,
  },
};

/** The e-mail API's price per message ($0.40 per thousand). */
export const EMAIL_PRICE_MICROS = 400;

/** The currency of every recorded cost. */
export const COST_CURRENCY = 'USD';

/** What one SMS of `segments` segments to `country` costs through `provider`, in millionths of a dollar. */
export function smsCostMicros(provider: SmsProviderName, country: string | undefined, segments: number): number {
  const prices = SMS_PRICE_MICROS_PER_SEGMENT[provider];
  return (prices[country ?? 'default'] ?? prices.default) * segments;
}
