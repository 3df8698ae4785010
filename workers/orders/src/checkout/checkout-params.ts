import type { Payment } from '../../contract';

/** The shopper's address or the pickup station the order goes to. */
export type Destination = { shippingAddressId: string | null; pickupStationId: string | null };

/** What the steps know of an order from the request that placed it, so they need not read its row. */
export type PlacedOrder = { userId: string; paymentMethod: Payment['method']; destination: Destination };

/** What the saga is started with; the order row holds the rest. */
export type CheckoutParams = {
  orderId: string;
  userId: string;
  cartId: string;
  payment: Payment;
  /** The checkout request's trace: the saga's steps log under it (absent in instances started before it was added). */
  traceparent?: string;
  /**
   * Where the order goes, as the request that placed it said (the order row was written from the
   * same body): the steps need not read it back. Absent in instances started before it was added.
   */
  destination?: Destination;
};
