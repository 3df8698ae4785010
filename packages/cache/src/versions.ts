/**
 * Versioned cache keys. A cached response is stored with the versions it was
 * built from; the catalog-events consumer replaces a version with a new unique
 * token (the event id) on every change, so an entry built before the change
 * can never match again. Tokens rather than counters: no read-modify-write race.
 */
export const LISTING_VERSION_KEY = 'ver:listing';

export function productVersionKey(productId: string): string {
  return `ver:product:${productId}`;
}

/** Invalidates the given products and every listing, in one round of KV writes. */
export async function bumpVersions(kv: KVNamespace, productIds: Iterable<string>, token: string): Promise<void> {
  const keys = [LISTING_VERSION_KEY, ...new Set(productIds)].map((id) =>
    id === LISTING_VERSION_KEY ? id : productVersionKey(id),
  );
  await Promise.all(keys.map((key) => kv.put(key, token)));
}
