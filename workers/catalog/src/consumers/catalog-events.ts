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
