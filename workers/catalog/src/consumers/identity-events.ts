import { bumpVersions } from '@linked-all/cache';
import { consumeBatch, IdentityEvent } from '@linked-all/events';
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
  await consumeBatch(batch, IdentityEvent, env.DB, async (event) => {
    if (event.type === 'vendor.approved') {
      const { vendorId, name, country, currency } = event.data;
      await env.DB.prepare(
        `INSERT INTO vendors (id, slug, name, country, currency, city, status, created_at) VALUES (?, ?, ?, ?, ?, '', 'active', ?)
         ON CONFLICT (id) DO UPDATE SET status = 'active', name = excluded.name`,
      )
        .bind(vendorId, slugify(name, vendorId), name, country, currency, Date.parse(event.occurredAt))
        .run();
    } else if (event.type === 'vendor.suspended' || event.type === 'vendor.closed') {
      const status = event.type === 'vendor.closed' ? 'closed' : 'suspended';
      await env.DB.prepare('UPDATE vendors SET status = ? WHERE id = ?').bind(status, event.data.vendorId).run();
    } else {
      return;
    }
    const { results } = await env.DB.prepare('SELECT id FROM products WHERE vendor_id = ?')
      .bind(event.data.vendorId)
      .all<{ id: string }>();
    // The shop's products enter or leave every listing of its country.
    await refreshVendorFacets(env.DB, event.data.vendorId);
    await bumpVersions(
      env.CACHE,
      results.map((r) => r.id),
      event.id,
    );
  });
}
