import { cachedValue, LISTING_VERSION_KEY, responseKey } from '@linked-all/cache';
import type { ListProductsQuery, ProductList, Suggestions } from '../../contract';
import type { Db } from '../db/session';
import { listProducts } from '../domain/list-products';
import { suggest } from '../domain/suggest';

// Hot queries repeat ("phone", "samsung", per country): their answer is kept in KV under the
// listing version, which every product change and every synonym edit replaces, so a cached
// answer is never served after the data it was built from changed. Five minutes at most.
const SEARCH_TTL_SECONDS = 300;

/** A listing; a search's answer through the versioned KV cache (listings have their own precomputed facets). */
export async function listOrSearch(
  env: Pick<CatalogEnv, 'CACHE'>,
  waitUntil: (promise: Promise<unknown>) => void,
  db: Db,
  query: ListProductsQuery,
): Promise<ProductList> {
  if (!query.q) return listProducts(db, query);
  const words = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${k === 'q' ? String(v).toLowerCase() : String(v)}`);
  return cachedValue({
    kv: env.CACHE,
    key: `search:${await responseKey(words.join('&'))}`,
    versionKeys: [LISTING_VERSION_KEY],
    ttlSeconds: SEARCH_TTL_SECONDS,
    load: () => listProducts(db, query),
    waitUntil,
  });
}

/** Suggestions for a prefix through the same versioned cache (a prefix is typed by many shoppers). */
export function cachedSuggest(
  env: Pick<CatalogEnv, 'CACHE'>,
  waitUntil: (promise: Promise<unknown>) => void,
  db: Db,
  q: string,
): Promise<Suggestions> {
  return cachedValue({
    kv: env.CACHE,
    key: `suggest:${encodeURIComponent(q.toLowerCase())}`,
    versionKeys: [LISTING_VERSION_KEY],
    ttlSeconds: SEARCH_TTL_SECONDS,
    load: () => suggest(db, q),
    waitUntil,
  });
}
