import { z } from 'zod';
import { defineEvent, eventUnion } from './envelope';

const PaymentRef = {
  paymentId: z.string(),
  userId: z.string(),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  // Present when the payment pays for an order (checkout's mobile-money path); absent for a plain top-up.
  orderId: z.string().optional(),
};

/** A payment (top-up or mobile-money charge) was started with a provider. */
export const PaymentInitiated = defineEvent('payment.initiated', 1, z.object({ ...PaymentRef, provider: z.string() }));

/** The provider confirmed the payment and the ledger moved the money (exactly once). */
export const PaymentCompleted = defineEvent(
  'payment.completed',
  1,
  z.object({ ...PaymentRef, provider: z.string(), journalEntryId: z.string() }),
);

/** The provider reported a final failure; no money moved. */
export const PaymentFailed = defineEvent(
  'payment.failed',
  1,
  z.object({ ...PaymentRef, provider: z.string(), reason: z.string() }),
);

/** Money went back to the shopper. */
export const PaymentRefunded = defineEvent('payment.refunded', 1, z.object({ ...PaymentRef, journalEntryId: z.string() }));

export const PAYMENT_EVENTS = [PaymentInitiated, PaymentCompleted, PaymentFailed, PaymentRefunded] as const;

/** Any event on the payment-events queue. */
export const PaymentEvent = eventUnion(PAYMENT_EVENTS);
export type PaymentEvent = z.infer<typeof PaymentEvent>;
