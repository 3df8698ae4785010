import { z } from 'zod';

/**
 * The console's questions as SQL over the data-point layout of schema.ts. One text per question,
 * rendered for two dialects: Analytics Engine's SQL API (ClickHouse-like, sampled rows weighted by
 * `_sample_interval`) and the local D1 table (SQLite, every row weight 1, timestamp in ms).
 * Only time, conditionals and percentiles differ; the rest of each query is the same text.
 */
export type Dialect = {
  /** `timestamp` between two instants (ms since the epoch). */
  window(sinceMs: number, untilMs: number): string;
  /** A conditional: `when` ? `then` : `otherwise`. */
  iff(when: string, then: string, otherwise: string): string;
  /** The start (seconds) of the `seconds`-wide bucket a row falls in. */
  bucket(seconds: number): string;
};

export const AE_DIALECT: Dialect = {
  window: (since, until) =>
    `timestamp >= toDateTime(${Math.floor(since / 1000)}) AND timestamp < toDateTime(${Math.ceil(until / 1000)})`,
  iff: (when, then, otherwise) => `if(${when}, ${then}, ${otherwise})`,
  bucket: (seconds) => `intDiv(toUInt32(timestamp), ${seconds}) * ${seconds}`,
};

export const SQLITE_DIALECT: Dialect = {
  window: (since, until) => `timestamp >= ${Math.floor(since)} AND timestamp < ${Math.ceil(until)}`,
  iff: (when, then, otherwise) => `CASE WHEN ${when} THEN ${then} ELSE ${otherwise} END`,
  bucket: (seconds) => `(timestamp / ${seconds * 1000}) * ${seconds}`,
};

export type Window = { sinceMs: number; untilMs: number };

const Count = z.coerce.number();

/** Requests, 5xx and cache lookups per service and route. */
export function routeTotalsSql(d: Dialect, dataset: string, w: Window): string {
  const weight = '_sample_interval';
  return `SELECT blob2 AS service, blob3 AS route, SUM(${weight}) AS requests,
  SUM(${d.iff("blob5 = '5xx'", weight, '0')}) AS errors,
  SUM(${d.iff("blob6 IN ('HIT', 'STALE')", weight, '0')}) AS cacheHits,
  SUM(${d.iff("blob6 IN ('HIT', 'STALE', 'MISS')", weight, '0')}) AS cacheLookups
FROM ${dataset} WHERE blob1 = 'request' AND ${d.window(w.sinceMs, w.untilMs)}
GROUP BY blob2, blob3 ORDER BY requests DESC LIMIT 100`;
}
export const RouteTotals = z.object({
  service: z.string(),
  route: z.string(),
  requests: Count,
  errors: Count,
  cacheHits: Count,
  cacheLookups: Count,
});

/** Latency percentiles per service and route, Analytics Engine (weighted by the sample interval). */
export function routeLatencyAeSql(dataset: string, w: Window): string {
  const q = (level: number) => `quantileExactWeighted(${level})(double1, _sample_interval)`;
  return `SELECT blob2 AS service, blob3 AS route, ${q(0.5)} AS p50, ${q(0.95)} AS p95, ${q(0.99)} AS p99
FROM ${dataset} WHERE blob1 = 'request' AND ${AE_DIALECT.window(w.sinceMs, w.untilMs)}
GROUP BY blob2, blob3`;
}

/**
 * The same percentiles in SQLite, which has no quantile function: nearest rank, the smallest
 * latency whose rank reaches p × n.
 */
export function routeLatencySqliteSql(dataset: string, w: Window): string {
  const q = (level: number) => `MIN(CASE WHEN rn >= ${level} * n THEN ms END)`;
  return `WITH ranked AS (
  SELECT blob2 AS service, blob3 AS route, double1 AS ms,
    ROW_NUMBER() OVER (PARTITION BY blob2, blob3 ORDER BY double1) AS rn,
    COUNT(*) OVER (PARTITION BY blob2, blob3) AS n
  FROM ${dataset} WHERE blob1 = 'request' AND ${SQLITE_DIALECT.window(w.sinceMs, w.untilMs)})
SELECT service, route, ${q(0.5)} AS p50, ${q(0.95)} AS p95, ${q(0.99)} AS p99 FROM ranked GROUP BY service, route`;
}
export const RouteLatency = z.object({
  service: z.string(),
  route: z.string(),
  p50: z.coerce.number(),
  p95: z.coerce.number(),
  p99: z.coerce.number(),
});

/** Requests and 5xx per time bucket, every service together. */
export function timelineSql(d: Dialect, dataset: string, w: Window, bucketSeconds: number): string {
  return `SELECT ${d.bucket(bucketSeconds)} AS bucket, SUM(_sample_interval) AS requests,
  SUM(${d.iff("blob5 = '5xx'", '_sample_interval', '0')}) AS errors
FROM ${dataset} WHERE blob1 = 'request' AND blob2 = 'gateway' AND ${d.window(w.sinceMs, w.untilMs)}
GROUP BY bucket ORDER BY bucket`;
}
export const TimelineRow = z.object({ bucket: z.coerce.number(), requests: Count, errors: Count });

/** Every business point (not requests) summed per kind and labels: funnel, payments, GMV, SMS, queues, SKUs. */
export function businessSql(d: Dialect, dataset: string, w: Window): string {
  return `SELECT blob1 AS kind, blob3 AS name, blob4 AS label, blob6 AS currency, blob7 AS country,
  SUM(_sample_interval) AS count, SUM(double1 * _sample_interval) AS value, MAX(double1) AS maxValue,
  SUM(double2 * _sample_interval) AS amount
FROM ${dataset} WHERE blob1 != 'request' AND ${d.window(w.sinceMs, w.untilMs)}
GROUP BY blob1, blob3, blob4, blob6, blob7 ORDER BY count DESC LIMIT 500`;
}
export const BusinessRow = z.object({
  kind: z.string(),
  name: z.string(),
  label: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
  currency: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
  country: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
  count: Count,
  value: z.coerce.number(),
  maxValue: z.coerce.number(),
  amount: z.coerce.number(),
});
