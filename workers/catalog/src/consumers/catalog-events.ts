import { bumpVersions } from '@linked-all/cache';
import { CatalogEvent, consumeBatch } from '@linked-all/events';

/**
 * The one consumer of catalog-events. Today it invalidates cached product and
 * listing responses; later subscribers (search index, back-in-stock alerts)
 * are called from here too, explicitly.
 */
export async function consumeCatalogEvents(batch: MessageBatch<unknown>, env: CatalogEnv): Promise<void> {
  await consumeBatch(batch, CatalogEvent, env.DB, async (event) => {
    await bumpVersions(env.CACHE, [event.data.productId], event.id);
  });
}

/** Events that exhausted their retries: kept for operators to inspect and replay. */
export async function recordDeadLetters(batch: MessageBatch<unknown>, env: CatalogEnv): Promise<void> {
  const now = Date.now();
  await env.DB.batch(
    batch.messages.map((m) =>
      env.DB.prepare(
        'INSERT OR IGNORE INTO dead_letters (message_id, queue, body, attempts, received_at) VALUES (?, ?, ?, ?, ?)',
      ).bind(m.id, batch.queue, JSON.stringify(m.body), m.attempts, now),
    ),
  );
  batch.ackAll();
}
