import { z } from 'zod';
import { defineEvent, eventUnion } from './envelope';
import { PAYMENT_EVENTS } from './payment-events';

// Payouts of a vendor's payable balance to mobile money (published by payments on payment-events).
// No phone numbers: consumers that need one ask identity.

const PayoutRef = {
  payoutId: z.string(),
  vendorId: z.string(),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  provider: z.string(),
};

/** The payable balance was debited and the transfer handed to the provider. */
export const PayoutRequested = defineEvent('payout.requested', 1, z.object({ ...PayoutRef, journalEntryId: z.string() }));

/** The provider confirmed the transfer (its receipt number). */
export const PayoutCompleted = defineEvent('payout.completed', 1, z.object({ ...PayoutRef, receipt: z.string() }));

/** The provider refused or failed the transfer; the amount is back in the vendor's payable balance. */
export const PayoutFailed = defineEvent(
  'payout.failed',
  1,
  z.object({ ...PayoutRef, reason: z.string(), journalEntryId: z.string() }),
);

export const PAYOUT_EVENTS = [PayoutRequested, PayoutCompleted, PayoutFailed] as const;

/** Any payout event. */
export const PayoutEvent = eventUnion(PAYOUT_EVENTS);
export type PayoutEvent = z.infer<typeof PayoutEvent>;

/**
 * Anything on the payment-events queue: payments publishes payment.* and payout.* there, so its
 * consumer parses with this (parsing with PaymentEvent alone drops payout events as malformed).
 */
export const PaymentQueueEvent = eventUnion([...PAYMENT_EVENTS, ...PAYOUT_EVENTS]);
export type PaymentQueueEvent = z.infer<typeof PaymentQueueEvent>;
