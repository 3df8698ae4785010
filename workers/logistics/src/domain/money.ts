import { CurrencyCode, formatMoney } from '@linked-all/money';

/** An amount in minor units as every view shows it: the number, the code, and the words for people. */
export function money(amount: number, currency: string) {
  const code = CurrencyCode.safeParse(currency);
  return { amount, currency, formatted: code.success ? formatMoney(amount, code.data) : `${amount} ${currency}` };
}

export const iso = (ms: number) => new Date(ms).toISOString();
