import { CurrencyCode } from '@linked-all/money';
import type { CreatedOrder } from './create-order';

/**
 * The order as the payments service wants it (docs/checkout.md `OrderPayment`): the amount, and
 * each vendor order's lines by category so the commission rule of each category applies, and its
 * delivery fee with who is paid it (the amount includes the fees).
 */
export function orderPayment(order: CreatedOrder) {
  return {
    orderId: order.orderId,
    userId: order.userId,
    amount: order.total,
    // The catalog sells in supported currencies only; anything else is a bug worth failing on.
    currency: CurrencyCode.parse(order.currency),
    vendorOrders: order.vendorOrders.map((v) => ({
      vendorOrderId: v.vendorOrderId,
      vendorId: v.vendorId,
      lines: v.lines,
      delivery: { fee: v.deliveryFee, payee: v.deliveryPayee },
    })),
  };
}

/** What the payment-events consumer sends a checkout waiting for mobile money. */
export type PaymentSignal = { status: 'completed' } | { status: 'failed'; reason: string };

/** The failure reason a shopper's cancel sends a checkout waiting for mobile money; the order is cancelled with it. */
export const SHOPPER_CANCELLED = 'cancelled_by_shopper';

/** The `sendEvent` type a waiting checkout listens for. */
export const PAYMENT_EVENT_TYPE = 'payment';

/**
 * How long a checkout waits for the shopper to approve a mobile-money prompt. Stock stays held
 * a while longer, so a payment confirmed at the last second still finds its units.
 */
export const PAYMENT_WAIT = { label: '10 minutes', ms: 10 * 60_000 } as const;
export const HOLD_TTL_MS = PAYMENT_WAIT.ms + 20 * 60_000;
