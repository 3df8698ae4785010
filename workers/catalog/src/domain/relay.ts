import { drainOutbox } from '@linked-all/events';

/** Publishes the catalog's unsent events to catalog-events. */
export function relayCatalogOutbox(env: Pick<CatalogEnv, 'DB' | 'CATALOG_EVENTS'>): Promise<number> {
  return drainOutbox(env.DB, env.CATALOG_EVENTS);
}
