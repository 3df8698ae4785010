import type { MessageKey, Translate } from '@linked-all/i18n';
import type { OrderStatus, VendorOrderStatus } from '@linked-all/orders/contract';

// Statuses and reasons as a shopper reads them, from the message catalogue. Every status of the
// orders contract needs its key (a missing one is a type error); an unknown value (a page rendered
// by an older gateway while orders moved on) is still shown as its words rather than failing the page.

const ORDER_STATUS: Record<OrderStatus, MessageKey> = {
  pending: 'shop.order_status.pending',
  awaiting_payment: 'shop.order_status.awaiting_payment',
  confirmed: 'shop.order_status.confirmed',
  partially_cancelled: 'shop.order_status.partially_cancelled',
  partially_shipped: 'shop.order_status.partially_shipped',
  shipped: 'shop.order_status.shipped',
  delivered: 'shop.order_status.delivered',
  cancelled: 'shop.order_status.cancelled',
  refunded: 'shop.order_status.refunded',
};

const VENDOR_STATUS: Record<VendorOrderStatus, MessageKey> = {
  pending: 'shop.vendor_status.pending',
  accepted: 'shop.vendor_status.accepted',
  rejected: 'shop.vendor_status.rejected',
  ready: 'shop.vendor_status.ready',
  shipped: 'shop.vendor_status.shipped',
  delivered: 'shop.vendor_status.delivered',
  cancelled: 'shop.vendor_status.cancelled',
  refunded: 'shop.vendor_status.refunded',
  returned: 'shop.vendor_status.returned',
};

const CANCEL_REASON: Record<string, MessageKey> = {
  out_of_stock: 'shop.cancel_reason.out_of_stock',
  sku_unavailable: 'shop.cancel_reason.sku_unavailable',
  mixed_currencies: 'shop.cancel_reason.mixed_currencies',
  cart_empty: 'shop.cancel_reason.cart_empty',
  reservation_expired: 'shop.cancel_reason.reservation_expired',
  insufficient_funds: 'shop.cancel_reason.insufficient_funds',
  payment_failed: 'shop.cancel_reason.payment_failed',
  payment_timeout: 'shop.cancel_reason.payment_timeout',
  cod_limit_exceeded: 'shop.cancel_reason.cod_limit_exceeded',
  cod_unavailable: 'shop.cancel_reason.cod_unavailable',
  cancelled_by_shopper: 'shop.cancel_reason.cancelled_by_shopper',
  checkout_cancelled: 'shop.cancel_reason.checkout_cancelled',
};

const SHIPMENT_STATUS: Record<string, MessageKey> = {
  awaiting_pickup: 'shop.shipment.awaiting_pickup',
  picked_up: 'shop.shipment.picked_up',
  in_transit: 'shop.shipment.in_transit',
  at_station: 'shop.shipment.at_station',
  out_for_delivery: 'shop.shipment.out_for_delivery',
  failed_attempt: 'shop.shipment.failed_attempt',
  delivered: 'shop.shipment.delivered',
  returned_to_vendor: 'shop.shipment.returned_to_vendor',
  cancelled: 'shop.shipment.cancelled',
};

const PAYMENT: Record<string, MessageKey> = {
  wallet: 'shop.payment.wallet',
  mobile_money: 'shop.payment.mobile_money',
  pay_on_delivery: 'shop.payment.pay_on_delivery',
};

/** Providers' own brand names: the same in every language. */
export const PROVIDERS: Record<string, string> = {
  mpesa: 'M-Pesa',
  mtn_momo: 'MTN MoMo',
  paystack: 'Paystack',
  flutterwave: 'Flutterwave',
};

const words = (value: string) => value.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

const ORDER_WORDS: Partial<Record<string, MessageKey>> = ORDER_STATUS;
const VENDOR_WORDS: Partial<Record<string, MessageKey>> = VENDOR_STATUS;

const lookup = (t: Translate, key: MessageKey | undefined, value: string) => (key ? t(key) : words(value));

export const orderStatusText = (t: Translate, status: string) => lookup(t, ORDER_WORDS[status], status);
export const vendorStatusText = (t: Translate, status: string) => lookup(t, VENDOR_WORDS[status], status);
export const shipmentStatusText = (t: Translate, status: string) => lookup(t, SHIPMENT_STATUS[status], status);
export const cancelReasonText = (t: Translate, reason: string) => lookup(t, CANCEL_REASON[reason], reason);
export const paymentText = (t: Translate, method: string, provider: string | null) =>
  `${lookup(t, PAYMENT[method], method)}${provider ? ` (${PROVIDERS[provider] ?? provider})` : ''}`;

/** Pending and awaiting payment: the saga is still working, so the page refreshes itself. */
const SETTLING: readonly string[] = ['pending', 'awaiting_payment'] satisfies OrderStatus[];
export const isSettling = (status: string) => SETTLING.includes(status);

/** "Colour: Black, Storage: 256 GB" (option names and values are the vendor's own words). */
export function optionText(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${value}`)
    .join(', ');
}
