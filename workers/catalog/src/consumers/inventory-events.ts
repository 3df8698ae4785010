import { bumpVersions } from '@linked-all/cache';
import { consumeBatch, InventoryEvent } from '@linked-all/events';
import { and, eq, lte } from 'drizzle-orm';
import { orm } from '../db/orm';
import { skus } from '../db/schema';
import { refreshFacets } from '../domain/listing-facets';
import { refreshProductStatement } from '../domain/write-context';

/**
 * Keeps the catalog's stock projection (`skus.available`, `products.in_stock`) following
 * the Inventory objects, which own stock. Queues reorder and redeliver: an update whose
 * version is older than the one applied is ignored; the same version re-applies the same
 * values, so a retry after a crash between the two writes still refreshes the product.
 */
export async function consumeInventoryEvents(batch: MessageBatch<unknown>, env: CatalogEnv): Promise<void> {
  await consumeBatch(
    batch,
    InventoryEvent,
    env.DB,
    async (event) => {
      if (event.type === 'inventory.updated') {
        const { skuId, productId, vendorId, available, version } = event.data;
        // Guarded in the one statement: an older version than the one applied changes nothing.
        const applied = await orm(env.DB)
          .update(skus)
          .set({ available, stockVersion: version })
          .where(and(eq(skus.id, skuId), eq(skus.productId, productId), lte(skus.stockVersion, version)));
        if (applied.meta.changes === 0) return;
        await refreshProductStatement({ db: env.DB, vendorId, now: Date.parse(event.occurredAt) }, productId).run();
      }
    },
    {
      // Once per batch, not per event: under checkout load stock moves many times a second.
      // In or out of stock moves products between the facets' stock counts: one recount per
      // (category, country) the batch touched, rather than one per stock move. Then one round of
      // cache invalidation: KV takes at most one write a second to a key (`ver:listing`). A fresh
      // token each time: a redelivered batch must not bring back a version already replaced.
      afterHandled: async (events) => {
        const productIds = [...new Set(events.map((e) => e.data.productId))];
        await refreshFacets(env.DB, productIds);
        await bumpVersions(env.CACHE, productIds, crypto.randomUUID());
      },
    },
  );
}
