import { drainOutbox } from '@linked-all/events';

/** Publishes payments' unsent events to payment-events. */
export function relayPaymentsOutbox(env: Pick<PaymentsEnv, 'DB' | 'PAYMENT_EVENTS' | 'NOTIFICATIONS_QUEUE'>): Promise<number> {
  return drainOutbox(env.DB, env.PAYMENT_EVENTS, env.NOTIFICATIONS_QUEUE);
}
