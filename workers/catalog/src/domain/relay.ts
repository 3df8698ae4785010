import { relayOutbox } from '@linked-all/events';
import { log } from '@linked-all/http';

/** Publishes the catalog's unsent events; a failure is logged and retried by the cron. */
export async function relayCatalogOutbox(env: Pick<CatalogEnv, 'DB' | 'CATALOG_EVENTS'>): Promise<number> {
  try {
    let total = 0;
    for (let sent = await relayOutbox(env.DB, env.CATALOG_EVENTS); sent > 0; sent = await relayOutbox(env.DB, env.CATALOG_EVENTS)) {
      total += sent;
    }
    return total;
  } catch (err) {
    log('warn', 'outbox relay failed; the cron will retry', { error: err instanceof Error ? err.message : String(err) });
    return 0;
  }
}
