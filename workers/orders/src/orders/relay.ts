import { drainOutbox } from '@linked-all/events';

/** Publishes the orders worker's unsent events (order.*) to order-events. */
export function relayOrdersOutbox(env: Pick<OrdersEnv, 'DB' | 'ORDER_EVENTS' | 'NOTIFICATIONS_QUEUE'>): Promise<number> {
  return drainOutbox(env.DB, env.ORDER_EVENTS, env.NOTIFICATIONS_QUEUE);
}
