import type { Payment } from '../../contract';

/** What the saga is started with; the order row holds the rest. */
export type CheckoutParams = {
  orderId: string;
  userId: string;
  cartId: string;
  payment: Payment;
  /** The checkout request's trace: the saga's steps log under it (absent in instances started before it was added). */
  traceparent?: string;
};
