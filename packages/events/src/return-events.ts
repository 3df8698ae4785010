import { z } from 'zod';
import { defineEvent } from './envelope';

// Returns (orders, on the order-events queue): a shopper sends items of a delivered vendor order
// back inside the return window. Ids and facts only; never the address or the shopper's words.

const ReturnRef = {
  returnId: z.string(),
  orderId: z.string(),
  userId: z.string(),
  vendorOrderId: z.string(),
  vendorId: z.string(),
};
const Line = z.object({ skuId: z.string(), quantity: z.number().int().positive() });

/** The shopper asked: which units, why (a stable code), how the parcel comes back. */
export const ReturnRequested = defineEvent(
  'return.requested',
  1,
  z.object({
    ...ReturnRef,
    lines: z.array(Line),
    reason: z.string(),
    method: z.enum(['home', 'station']),
  }),
);

/**
 * The vendor (or an admin) accepted: logistics books the return shipment, collected at
 * `shippingAddressId` or dropped at `pickupStationId` (exactly one is set).
 */
export const ReturnAccepted = defineEvent(
  'return.accepted',
  1,
  z.object({
    ...ReturnRef,
    method: z.enum(['home', 'station']),
    shippingAddressId: z.string().nullable(),
    pickupStationId: z.string().nullable(),
    currency: z.string().length(3),
  }),
);

/** The vendor (or an admin) refused, with a reason. */
export const ReturnRefused = defineEvent('return.refused', 1, z.object({ ...ReturnRef, reason: z.string() }));

/** The parcel is back with the vendor: logistics closes the return shipment; the units are restocked. */
export const ReturnReceived = defineEvent('return.received', 1, z.object({ ...ReturnRef, lines: z.array(Line) }));

/** The money went back to the shopper's wallet. */
export const ReturnRefunded = defineEvent(
  'return.refunded',
  1,
  z.object({ ...ReturnRef, amount: z.number().int().nonnegative(), currency: z.string().length(3) }),
);

export const RETURN_EVENTS = [ReturnRequested, ReturnAccepted, ReturnRefused, ReturnReceived, ReturnRefunded] as const;
