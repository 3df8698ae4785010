import { log } from '@linked-all/http';

type Entry<T> = { v: string; at: number; value: T };

const KEEP_FOR_STALE_SECONDS = 86_400;

/**
 * The value-level twin of `readThrough`, for data a worker renders itself
 * (pages built from RPC results): KV entry keyed by the current versions,
 * fresh for `ttlSeconds`, served stale if the loader fails.
 */
export async function cachedValue<T>(options: {
  kv: KVNamespace;
  key: string;
  versionKeys: string[];
  ttlSeconds: number;
  load: () => Promise<T>;
  waitUntil: (promise: Promise<unknown>) => void;
}): Promise<T> {
  const { kv, key, ttlSeconds, load, waitUntil } = options;
  const [entry, ...versions] = await Promise.all([
    kv.get<Entry<T>>(`val:${key}`, 'json'),
    ...options.versionKeys.map((k) => kv.get(k, 'text')),
  ]);
  const version = versions.map((v) => v ?? '0').join('|');
  if (entry && entry.v === version && Date.now() - entry.at < ttlSeconds * 1000) return entry.value;
  let value: T;
  try {
    value = await load();
  } catch (err) {
    if (!entry) throw err;
    log('warn', 'loader failed; serving stale cached value', { key, error: err instanceof Error ? err.message : String(err) });
    return entry.value;
  }
  const fresh: Entry<T> = { v: version, at: Date.now(), value };
  waitUntil(kv.put(`val:${key}`, JSON.stringify(fresh), { expirationTtl: ttlSeconds + KEEP_FOR_STALE_SECONDS }));
  return value;
}
