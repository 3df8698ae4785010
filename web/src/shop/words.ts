import type { OrderStatus, VendorOrderStatus } from '@linked-all/orders/contract';

// Statuses and reasons as a shopper reads them. Every status of the orders contract needs its
// words here (a missing one is a type error); an unknown value (a page rendered by an older
// gateway while orders moved on) is still shown as its words rather than failing the page.

const ORDER_STATUS: Record<OrderStatus, string> = {
  pending: 'Placing your order',
  awaiting_payment: 'Waiting for your payment',
  confirmed: 'Confirmed',
  partially_cancelled: 'Confirmed (part of it was cancelled)',
  partially_shipped: 'Partly on its way',
  shipped: 'On its way',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

const VENDOR_STATUS: Record<VendorOrderStatus, string> = {
  pending: 'Waiting for the seller',
  accepted: 'Accepted by the seller',
  rejected: 'The seller could not take it',
  ready: 'Ready to ship',
  shipped: 'On its way',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

const CANCEL_REASON: Record<string, string> = {
  out_of_stock: 'Some items ran out of stock before we could hold them',
  sku_unavailable: 'Some items are no longer sold',
  mixed_currencies: 'The cart mixed currencies; check out one currency at a time',
  cart_empty: 'The cart was empty',
  reservation_expired: 'The hold on the stock ran out before payment finished',
  insufficient_funds: 'Your wallet balance was too low',
  payment_failed: 'The payment did not go through',
  payment_timeout: 'The payment was not approved in time',
  cod_limit_exceeded: 'Pay on delivery is not available for this order (limit reached)',
  cod_unavailable: 'Pay on delivery is not available here',
  cancelled_by_shopper: 'You cancelled it',
  checkout_cancelled: 'The checkout was cancelled',
};

const PAYMENT: Record<string, string> = {
  wallet: 'Wallet',
  mobile_money: 'Mobile money',
  pay_on_delivery: 'Pay on delivery',
};

export const PROVIDERS: Record<string, string> = {
  mpesa: 'M-Pesa',
  mtn_momo: 'MTN MoMo',
  paystack: 'Paystack',
  flutterwave: 'Flutterwave',
};

const words = (value: string) => value.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

const ORDER_WORDS: Partial<Record<string, string>> = ORDER_STATUS;
const VENDOR_WORDS: Partial<Record<string, string>> = VENDOR_STATUS;

export const orderStatusText = (status: string) => ORDER_WORDS[status] ?? words(status);
export const vendorStatusText = (status: string) => VENDOR_WORDS[status] ?? words(status);
export const cancelReasonText = (reason: string) => CANCEL_REASON[reason] ?? words(reason);
export const paymentText = (method: string, provider: string | null) =>
  `${PAYMENT[method] ?? words(method)}${provider ? ` (${PROVIDERS[provider] ?? provider})` : ''}`;

/** Pending and awaiting payment: the saga is still working, so the page refreshes itself. */
const SETTLING: readonly string[] = ['pending', 'awaiting_payment'] satisfies OrderStatus[];
export const isSettling = (status: string) => SETTLING.includes(status);

/** "Colour: Black, Storage: 256 GB". */
export function optionText(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${value}`)
    .join(', ');
}
