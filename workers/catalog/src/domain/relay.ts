import { relayOutbox } from '@linked-all/events';
import { log } from '@linked-all/http';

/** Publishes the catalog's unsent events; a failure is logged and retried by the cron. */
export async function relayCatalogOutbox(env: Pick<CatalogEnv, 'DB' | 'CATALOG_EVENTS'>): Promise<number> {
  try {
    // Bounded: a burst larger than this is finished by the next cron run.
    let total = 0;
    for (let round = 0; round < 10; round++) {
      const sent = await relayOutbox(env.DB, env.CATALOG_EVENTS);
      total += sent;
      if (sent === 0) break;
    }
    return total;
  } catch (err) {
    log('warn', 'outbox relay failed; the cron will retry', { error: err instanceof Error ? err.message : String(err) });
    return 0;
  }
}
