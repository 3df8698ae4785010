import { bumpVersions } from '@linked-all/cache';
import { CatalogEvent, consumeBatch } from '@linked-all/events';
import { refreshFacets } from '../domain/listing-facets';

/**
 * The one consumer of catalog-events: it recounts the listing facets a product change can move,
 * then invalidates cached product and listing responses (in that order, so the first listing built
 * after the bump already counts the change). Later subscribers (back-in-stock alerts) are called
 * from here too, explicitly.
 */
export async function consumeCatalogEvents(batch: MessageBatch<unknown>, env: CatalogEnv): Promise<void> {
  await consumeBatch(batch, CatalogEvent, env.DB, async (event) => {
    // A review moves no facet; a product that changed category left a count behind in its old one.
    if (event.type !== 'review.changed') {
      const moved = event.type === 'product.updated' && event.data.fields.includes('category');
      await refreshFacets(env.DB, [event.data.productId], { wholeCountry: moved });
    }
    await bumpVersions(env.CACHE, [event.data.productId], event.id);
  });
}
