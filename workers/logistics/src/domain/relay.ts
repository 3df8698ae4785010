import { drainOutbox } from '@linked-all/events';

/** Publishes the logistics worker's unsent events (shipment.*) to shipment-events. */
export function relayLogisticsOutbox(env: Pick<LogisticsEnv, 'DB' | 'SHIPMENT_EVENTS'>): Promise<number> {
  return drainOutbox(env.DB, env.SHIPMENT_EVENTS);
}
