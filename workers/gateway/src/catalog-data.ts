import { cachedValue, LISTING_VERSION_KEY, productVersionKey } from '@linked-all/cache';
import { guardedCall, traced } from '@linked-all/http';
import { DEADLINE_MS } from './service-deadlines';

type Input = Parameters<GatewayEnv['CATALOG']['listProducts']>[0];

/** Same input, same key: object keys sorted so `{a,b}` and `{b,a}` share an entry. */
function stableKey(input: Record<string, unknown>): string {
  return Object.keys(input)
    .filter((k) => input[k] !== undefined)
    .sort()
    .map((k) => `${k}=${String(input[k])}`)
    .join('&');
}

/**
 * The catalog's RPC for pages, behind the same versioned cache as the API:
 * a change event makes every page built on old data unreachable, and a failing
 * catalog falls back to the last good data. Each RPC has the read deadline and goes through the
 * catalog's circuit breaker, so while the catalog is down a cached page is built at once from
 * the last good data instead of waiting for a dead service.
 */
export function catalogData(c: { env: GatewayEnv; executionCtx: Pick<ExecutionContext, 'waitUntil'> }) {
  const catalog = c.env.CATALOG;
  const cached = <T>(key: string, versionKeys: string[], ttlSeconds: number, load: () => Promise<T>) =>
    cachedValue({
      kv: c.env.CACHE,
      key,
      versionKeys,
      ttlSeconds,
      load: () => guardedCall('catalog', { deadlineMs: DEADLINE_MS.read }, load),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
    });
  return {
    categoryTree: () => cached('rpc:categories', [LISTING_VERSION_KEY], 300, () => traced(catalog).categoryTree()),
    listProducts: (input: Input) =>
      cached(`rpc:list:${stableKey(input as Record<string, unknown>)}`, [LISTING_VERSION_KEY], 60, () =>
        traced(catalog).listProducts(input),
      ),
    getProduct: (id: string) => cached(`rpc:product:${id}`, [productVersionKey(id)], 300, () => traced(catalog).getProduct(id)),
    suggest: (q: string) =>
      cached(`rpc:suggest:${q.toLowerCase()}`, [LISTING_VERSION_KEY], 300, () => traced(catalog).suggest(q)),
  };
}
