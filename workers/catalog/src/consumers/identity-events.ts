import { bumpVersions } from '@linked-all/cache';
import { consumeBatch, IdentityEvent } from '@linked-all/events';
import { eq, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { products, vendors } from '../db/schema';
import { refreshVendorFacets } from '../domain/listing-facets';

function slugify(name: string, vendorId: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  // The id's tail keeps slugs unique when two shops share a name.
  return `${base || 'shop'}-${vendorId.slice(-6)}`;
}

/**
 * The catalog's view of identity: an approved vendor gets (or gets back) an
 * active shop; a suspended one disappears from listings and pages, and its
 * writes are refused (`activeVendor`). Cached copies are invalidated.
 */
export async function consumeIdentityEvents(batch: MessageBatch<unknown>, env: CatalogEnv): Promise<void> {
  const db = orm(env.DB);
  await consumeBatch(batch, IdentityEvent, env.DB, async (event) => {
    if (event.type === 'vendor.approved') {
      const { vendorId, name, country, currency } = event.data;
      await db
        .insert(vendors)
        .values({
          id: vendorId,
          slug: slugify(name, vendorId),
          name,
          country,
          currency,
          city: '',
          status: 'active',
          createdAt: Date.parse(event.occurredAt),
        })
        .onConflictDoUpdate({ target: vendors.id, set: { status: 'active', name: sql`excluded.name` } });
    } else if (event.type === 'vendor.suspended' || event.type === 'vendor.closed') {
      const status = event.type === 'vendor.closed' ? 'closed' : 'suspended';
      await db.update(vendors).set({ status }).where(eq(vendors.id, event.data.vendorId));
    } else {
      return;
    }
    const results = await db.select({ id: products.id }).from(products).where(eq(products.vendorId, event.data.vendorId));
    // The shop's products enter or leave every listing of its country.
    await refreshVendorFacets(env.DB, event.data.vendorId);
    await bumpVersions(
      env.CACHE,
      results.map((r) => r.id),
      event.id,
    );
  });
}
