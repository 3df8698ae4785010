// Every state machine and closed list of logistics, once: code (zod enums, moves), SQL (the
// shipment_statuses lookup table and CHECKs, compared by test/contract.test.ts) and words
// (web's message catalogue keys are these values).

/** A shipment's life. `failed_attempt` goes back out or, after MAX_DELIVERY_ATTEMPTS, to the vendor. */
export const SHIPMENT_STATUSES = [
  'awaiting_pickup',
  'picked_up',
  'in_transit',
  'at_station',
  'out_for_delivery',
  'failed_attempt',
  'delivered',
  'returned_to_vendor',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Statuses nothing moves out of. */
export const TERMINAL_SHIPMENT_STATUSES = [
  'delivered',
  'returned_to_vendor',
  'cancelled',
] as const satisfies readonly ShipmentStatus[];

export const DELIVERY_METHODS = ['home', 'station'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const PAYMENT_METHODS = ['wallet', 'mobile_money', 'pay_on_delivery'] as const;

/** Why a delivery attempt failed (a stable code; the words are the catalogue's). */
export const FAILED_ATTEMPT_REASONS = [
  'shopper_absent',
  'address_not_found',
  'shopper_refused',
  'unreachable_by_phone',
  'other',
] as const;

/** Third-party carriers behind the courier adapter (src/couriers). */
export const CARRIERS = ['sendy'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Delivery attempts before the parcel goes back to the vendor. */
export const MAX_DELIVERY_ATTEMPTS = 3;
/** Wrong collection codes before the code locks, and for how long. */
export const MAX_CODE_FAILURES = 5;
export const CODE_LOCK_MS = 60 * 60 * 1000;
