import { z } from 'zod';
import { defineEvent, eventUnion } from './envelope';
import { RETURN_EVENTS } from './return-events';

// Orders' events (queue order-events). Payloads carry ids, amounts and the facts a consumer
// (notifications, logistics, analytics) needs; never the address, phone or name.

const OrderRef = { orderId: z.string(), userId: z.string() };
const Money = { amount: z.number().int().nonnegative(), currency: z.string().length(3) };
const VendorOrderRef = { vendorOrderId: z.string(), vendorId: z.string() };
const PaymentMethod = z.enum(['wallet', 'mobile_money', 'pay_on_delivery']);

/** The checkout priced the cart and split it into one vendor order per vendor. */
export const OrderCreated = defineEvent(
  'order.created',
  1,
  z.object({
    ...OrderRef,
    ...Money,
    paymentMethod: PaymentMethod,
    vendorOrders: z.array(z.object({ ...VendorOrderRef, subtotal: z.number().int().nonnegative() })),
  }),
);

/**
 * Stock committed and payment secured (or pay on delivery recorded): vendors may prepare it.
 * `delivery` (where it goes, as ids: logistics ships it) was added later, optional, same version.
 */
export const OrderConfirmed = defineEvent(
  'order.confirmed',
  1,
  z.object({
    ...OrderRef,
    ...Money,
    paymentMethod: PaymentMethod,
    vendorOrders: z.array(
      z.object({
        ...VendorOrderRef,
        subtotal: z.number().int().nonnegative(),
        // The vendor order's delivery fee (the order's `amount` includes it); absent on orders from before fees.
        deliveryFee: z.number().int().nonnegative().optional(),
      }),
    ),
    delivery: z.object({ shippingAddressId: z.string().nullable(), pickupStationId: z.string().nullable() }).optional(),
  }),
);

/** The whole order (no vendorOrderId) or one vendor order was cancelled; `reason` is a stable code. */
export const OrderCancelled = defineEvent(
  'order.cancelled',
  1,
  z.object({
    ...OrderRef,
    vendorOrderId: z.string().optional(),
    reason: z.string(),
    skuIds: z.array(z.string()).optional(),
  }),
);

/** A vendor order left the vendor (logistics picked it up). */
export const OrderShipped = defineEvent('order.shipped', 1, z.object({ ...OrderRef, ...VendorOrderRef }));

/** A vendor order reached the shopper. */
export const OrderDelivered = defineEvent('order.delivered', 1, z.object({ ...OrderRef, ...VendorOrderRef }));

/** Money went back to the shopper's wallet for the whole order or one vendor order. */
export const OrderRefunded = defineEvent(
  'order.refunded',
  1,
  z.object({ ...OrderRef, ...Money, vendorOrderId: z.string().optional(), reason: z.string() }),
);

export const ORDER_EVENTS = [
  OrderCreated,
  OrderConfirmed,
  OrderCancelled,
  OrderShipped,
  OrderDelivered,
  OrderRefunded,
  // Returns travel on order-events too (logistics books and closes the return shipments).
  ...RETURN_EVENTS,
] as const;

/** Any event on the order-events queue. */
export const OrderEvent = eventUnion(ORDER_EVENTS);
export type OrderEvent = z.infer<typeof OrderEvent>;
