import { log } from '@linked-all/http';

export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

type Entry = { v: string; at: number; status: number; body: string; headers: [string, string][] };

export type ReadThroughOptions = {
  kv: KVNamespace;
  /** Per-colo HTTP cache (`caches.default`); optional so callers can skip it. */
  edge?: Cache;
  /** Stable key of the response (route + normalised query). */
  key: string;
  /** KV keys whose values version this response. */
  versionKeys: string[];
  /** How long an entry is fresh. */
  ttlSeconds: number;
  /** Produces the response from the origin on a miss. */
  load: () => Promise<Response>;
  waitUntil: (promise: Promise<unknown>) => void;
};

// Entries outlive their freshness by a day so that, if the origin (D1) fails,
// an expired answer can still be served, marked STALE, instead of an error.
const KEEP_FOR_STALE_SECONDS = 86_400;
const HEADERS_KEPT = ['content-type', 'cache-control', 'etag'];

function fromEntry(entry: Entry, status: CacheStatus): Response {
  const headers = new Headers(entry.headers);
  headers.set('x-cache', status);
  if (status === 'STALE') headers.set('warning', '110 - "Response is stale"');
  return new Response(entry.body, { status: entry.status, headers });
}

async function hexDigest(algorithm: 'SHA-1' | 'SHA-256', text: string): Promise<string> {
  const digest = await crypto.subtle.digest(algorithm, new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The storage key of a response: a SHA-256 of its route + query. KV keys are limited to 512
 * bytes and Cache API URLs to a few KB, so a raw URL (even a validated one) must never be the key.
 */
export async function responseKey(key: string): Promise<string> {
  return `resp:${await hexDigest('SHA-256', key)}`;
}

/**
 * Edge cache → KV → origin, all keyed by the current versions, so a change
 * event makes every older copy unreachable at once. Answers carry `X-Cache`.
 */
export async function readThrough(options: ReadThroughOptions): Promise<Response> {
  const { kv, edge, key, ttlSeconds, load, waitUntil } = options;
  const storedAs = await responseKey(key);
  // The KV entry (a whole body) is read only when the edge has no copy: most hits are edge hits,
  // and reading it beside the versions cost each of them a read it then threw away.
  const readEntry = () => kv.get(storedAs, 'text');
  const early = edge ? null : readEntry();
  const versions = await Promise.all(options.versionKeys.map((k) => kv.get(k, 'text')));
  const version = versions.map((v) => v ?? '0').join('|');
  const edgeKey = new Request(`https://edge-cache.linkedall.internal/${storedAs}?v=${encodeURIComponent(version)}`);

  if (edge) {
    const hit = await edge.match(edgeKey);
    if (hit) {
      const response = new Response(hit.body, hit);
      response.headers.set('cache-control', response.headers.get('x-origin-cache-control') ?? 'no-cache');
      response.headers.delete('x-origin-cache-control');
      response.headers.set('x-cache', 'HIT');
      return response;
    }
  }
  const raw = await (early ?? readEntry());
  const entry = raw ? (JSON.parse(raw) as Entry) : null;
  if (entry && entry.v === version && Date.now() - entry.at < ttlSeconds * 1000) {
    if (edge) waitUntil(edge.put(edgeKey, withEdgeLifetime(fromEntry(entry, 'HIT'), ttlSeconds)));
    return fromEntry(entry, 'HIT');
  }

  let response: Response;
  try {
    response = await load();
  } catch (err) {
    if (entry) {
      log('warn', 'origin failed; serving stale cache entry', { key, error: err instanceof Error ? err.message : String(err) });
      return fromEntry(entry, 'STALE');
    }
    throw err;
  }
  if (response.status >= 500 && entry) {
    log('warn', 'origin answered 5xx; serving stale cache entry', { key, status: response.status });
    return fromEntry(entry, 'STALE');
  }
  if (response.status !== 200) {
    const passed = new Response(response.body, response);
    passed.headers.set('x-cache', 'MISS');
    return passed;
  }
  const body = await response.text();
  const headers = HEADERS_KEPT.flatMap((h) => {
    const value = response.headers.get(h);
    return value ? [[h, value] as [string, string]] : [];
  });
  // The validator is computed once, here, and kept with the copy: left to the gateway's etag
  // middleware, every hit hashed its whole body again (a tenth of a hit's CPU).
  if (!response.headers.has('etag')) headers.push(['etag', `W/"${await hexDigest('SHA-1', body)}"`]);
  const fresh: Entry = { v: version, at: Date.now(), status: 200, body, headers };
  waitUntil(kv.put(storedAs, JSON.stringify(fresh), { expirationTtl: ttlSeconds + KEEP_FOR_STALE_SECONDS }));
  if (edge) waitUntil(edge.put(edgeKey, withEdgeLifetime(fromEntry(fresh, 'HIT'), ttlSeconds)));
  return fromEntry(fresh, 'MISS');
}

function withEdgeLifetime(response: Response, ttlSeconds: number): Response {
  // The edge copy lives only as long as the entry is fresh; the client-facing
  // Cache-Control rides along in a private header and is restored on a hit.
  const copy = new Response(response.body, response);
  copy.headers.set('x-origin-cache-control', response.headers.get('cache-control') ?? 'no-cache');
  copy.headers.set('cache-control', `public, s-maxage=${ttlSeconds}`);
  return copy;
}
