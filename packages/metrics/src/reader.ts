import { z } from 'zod';
import {
  AE_DIALECT,
  BusinessRow,
  businessSql,
  type Dialect,
  RouteLatency,
  RouteTotals,
  routeLatencyAeSql,
  routeLatencySqliteSql,
  routeTotalsSql,
  SQLITE_DIALECT,
  TimelineRow,
  timelineSql,
  type Window,
} from './queries';
import { METRICS_DATASET, prepareLocalSink } from './sink';

export type RouteStats = z.infer<typeof RouteTotals> & { p50: number; p95: number; p99: number };
export type TimelinePoint = z.infer<typeof TimelineRow>;
export type BusinessTotal = z.infer<typeof BusinessRow>;

/** What the console asks of the metrics, answered by Analytics Engine in production and by D1 locally. */
export interface MetricsReader {
  routes(window: Window): Promise<RouteStats[]>;
  timeline(window: Window, bucketSeconds: number): Promise<TimelinePoint[]>;
  business(window: Window): Promise<BusinessTotal[]>;
}

/** Runs one SQL text and returns its rows; the one place a backend differs. */
type Run = (sql: string) => Promise<unknown[]>;

function reader(run: Run, dialect: Dialect, dataset: string, latencySql: (dataset: string, w: Window) => string): MetricsReader {
  return {
    async routes(w) {
      const [totals, latency] = await Promise.all([
        run(routeTotalsSql(dialect, dataset, w)).then((rows) => z.array(RouteTotals).parse(rows)),
        run(latencySql(dataset, w)).then((rows) => z.array(RouteLatency).parse(rows)),
      ]);
      const byRoute = new Map(latency.map((l) => [`${l.service} ${l.route}`, l]));
      return totals.map((t) => {
        const l = byRoute.get(`${t.service} ${t.route}`);
        return { ...t, p50: l?.p50 ?? 0, p95: l?.p95 ?? 0, p99: l?.p99 ?? 0 };
      });
    },
    async timeline(w, bucketSeconds) {
      return z.array(TimelineRow).parse(await run(timelineSql(dialect, dataset, w, bucketSeconds)));
    },
    async business(w) {
      return z.array(BusinessRow).parse(await run(businessSql(dialect, dataset, w)));
    },
  };
}

/** The local reader: the same questions against the D1 table the local sink writes. */
export function d1Reader(db: D1Database, dataset = METRICS_DATASET): MetricsReader {
  const run: Run = async (sql) => {
    await prepareLocalSink(db);
    return (await db.prepare(sql).all()).results;
  };
  return reader(run, SQLITE_DIALECT, dataset, routeLatencySqliteSql);
}

/** Analytics Engine's SQL API answer (`FORMAT JSON`): rows under `data`. */
const AeAnswer = z.object({ data: z.array(z.record(z.string(), z.unknown())) });

export type AnalyticsEngineApi = {
  accountId: string;
  apiToken: string;
  dataset: string;
  /** Injected for tests; the global fetch in production. */
  fetch?: typeof fetch;
  /** The API's origin; Cloudflare's in production. */
  origin?: string;
};

/** The production reader: POSTs each query to the Analytics Engine SQL API. */
export function analyticsEngineReader(api: AnalyticsEngineApi): MetricsReader {
  const send = api.fetch ?? fetch;
  const url = `${api.origin ?? 'https://api.cloudflare.com'}/client/v4/accounts/${api.accountId}/analytics_engine/sql`;
  const run: Run = async (sql) => {
    const response = await send(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.apiToken}`, 'content-type': 'text/plain' },
      body: `${sql} FORMAT JSON`,
    });
    if (!response.ok) throw new Error(`analytics engine sql: ${response.status} ${await response.text()}`);
    return AeAnswer.parse(await response.json()).data;
  };
  return reader(run, AE_DIALECT, api.dataset, routeLatencyAeSql);
}
