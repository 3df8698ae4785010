import { type CurrencyCode, formatMoney } from '@linked-all/money';

type PriceLike = { amount: number; currency: CurrencyCode };

/** One price, formatted in its currency's own locale (XOF without decimals, KES with two). */
export function Price({ price, from }: { price: PriceLike; from?: PriceLike }) {
  const text = formatMoney(price.amount, price.currency);
  // A product whose SKUs differ in price shows its lowest price as "from …".
  if (from && from.amount > price.amount) return <>from {text}</>;
  return <>{text}</>;
}

/** A price band label: "Under ₦7,500", "₦7,500 – ₦30,000", "₦375,000 and up". */
export function bandLabel(currency: CurrencyCode, min: number, max: number | null): string {
  if (max === null) return `${formatMoney(min, currency)} and up`;
  if (min === 0) return `Under ${formatMoney(max, currency)}`;
  return `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`;
}
