import { type CurrencyCode, formatMoney } from '@linked-all/money';

export function money(amount: number, currency: string) {
  return { amount, currency, formatted: formatMoney(amount, currency as CurrencyCode) };
}

export const iso = (ms: number) => new Date(ms).toISOString();

export type LineRow = {
  vendor_order_id: string;
  sku_id: string;
  product_id: string;
  title: string;
  options: string;
  image: string | null;
  unit_price: number;
  currency: string;
  quantity: number;
};

export function lineView(l: LineRow) {
  return {
    skuId: l.sku_id,
    productId: l.product_id,
    title: l.title,
    options: JSON.parse(l.options) as Record<string, string>,
    image: l.image,
    unitPrice: money(l.unit_price, l.currency),
    quantity: l.quantity,
    lineTotal: money(l.unit_price * l.quantity, l.currency),
  };
}
