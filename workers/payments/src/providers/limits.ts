import { CURRENCIES, type CurrencyCode } from '@linked-all/money';
import type { ProviderName } from '../../contract/enums';

/** The currencies each provider collects in, as contracted with it. */
export const PROVIDER_CURRENCIES: Record<ProviderName, readonly CurrencyCode[]> = {
  mpesa: ['KES'],
  mtn_momo: ['UGX', 'GHS', 'XOF', 'RWF'],
  paystack: ['NGN', 'GHS', 'KES', 'ZAR'],
  flutterwave: ['NGN', 'GHS', 'KES', 'UGX', 'ZAR', 'XOF', 'RWF', 'TZS'],
};

/**
 * Per-charge bounds in minor units: the floor keeps provider fees below the amount, the ceiling
 * stays under the mobile-money wallets' own per-transaction limits (M-Pesa: KES 250,000).
 */
export const AMOUNT_LIMITS: Partial<Record<CurrencyCode, { min: number; max: number }>> = {
  KES: { min: 10_00, max: 150_000_00 },
  NGN: { min: 100_00, max: 1_000_000_00 },
  GHS: { min: 1_00, max: 10_000_00 },
  ZAR: { min: 10_00, max: 50_000_00 },
  TZS: { min: 1_000_00, max: 5_000_000_00 },
  UGX: { min: 500, max: 5_000_000 },
  XOF: { min: 100, max: 2_000_000 },
  RWF: { min: 100, max: 2_000_000 },
};

export type ChargeRefusal = { reason: 'unsupported_currency' | 'amount_out_of_range' | 'invalid_phone'; detail: string };

/** Why a provider cannot take this charge, or null if it can. */
export function refuseCharge(
  provider: ProviderName,
  amount: number,
  currency: CurrencyCode,
  phone: string,
): ChargeRefusal | null {
  if (!PROVIDER_CURRENCIES[provider].includes(currency)) {
    return {
      reason: 'unsupported_currency',
      detail: `${provider} does not collect ${currency}; it takes ${PROVIDER_CURRENCIES[provider].join(', ')}`,
    };
  }
  const limits = AMOUNT_LIMITS[currency];
  if (!limits || amount < limits.min || amount > limits.max) {
    return {
      reason: 'amount_out_of_range',
      detail: limits
        ? `A ${currency} charge is between ${limits.min} and ${limits.max} (minor units)`
        : `No ${currency} charges are accepted`,
    };
  }
  // Daraja's Amount is whole shillings: a cent we cannot collect would leave the wallet short.
  if (provider === 'mpesa' && amount % 100 !== 0) {
    return { reason: 'amount_out_of_range', detail: 'M-Pesa collects whole shillings: the amount must be a multiple of 100' };
  }
  // STK push only reaches Safaricom lines (+2547…, +2541…).
  if (provider === 'mpesa' && !/^\+254[17]\d{8}$/.test(phone)) {
    return { reason: 'invalid_phone', detail: 'M-Pesa needs a Safaricom number: +2547XXXXXXXX or +2541XXXXXXXX' };
  }
  return null;
}

/** Minor units as the decimal string providers that speak major units expect (1050 KES → "10.50"). */
export function toMajorString(amount: number, currency: CurrencyCode): string {
  const exponent = CURRENCIES[currency].exponent;
  if (exponent === 0) return String(amount);
  const s = String(amount).padStart(exponent + 1, '0');
  return `${s.slice(0, -exponent)}.${s.slice(-exponent)}`;
}

/** A provider's major-unit amount (number or decimal string) in minor units, or NaN if it is not one. */
export function fromMajor(value: number | string, currency: string): number {
  const exponent = CURRENCIES[currency as CurrencyCode]?.exponent;
  if (exponent === undefined) return Number.NaN;
  const text = typeof value === 'number' ? value.toFixed(exponent) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return Number.NaN;
  const fraction = (match[2] ?? '').padEnd(exponent, '0');
  // More decimals than the currency has would be a fraction of a minor unit: not an amount we accept.
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) return Number.NaN;
  return Number(match[1]) * 10 ** exponent + Number(fraction.slice(0, exponent) || '0');
}
