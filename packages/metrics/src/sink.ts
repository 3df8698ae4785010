import { type MetricPoint, toDataPoint } from './schema';

/** The bindings a worker may carry for metrics; every field is optional so any worker's env fits. */
export type MetricsEnv = {
  ENVIRONMENT?: string;
  /** Analytics Engine: production and staging. */
  ANALYTICS?: AnalyticsEngineDataset;
  /** The local sink: development and tests, where Analytics Engine writes nothing anyone can read. */
  METRICS_DB?: D1Database;
};

/** Where data points go; `write` never throws (a metric must not fail the request it describes). */
export interface MetricsSink {
  write(point: MetricPoint): Promise<void>;
}

/** The dataset name, which is also the local table's name, so queries read `FROM <dataset>` in both places. */
export const METRICS_DATASET = 'linked_all_metrics';

const LOCAL_ENVIRONMENTS = new Set(['development', 'test']);

const prepared = new WeakSet<D1Database>();

// The local table is created on first use rather than by a migration: it belongs to no service's
// database (every worker binds the same local one), exists only in development and tests, and
// `IF NOT EXISTS` makes concurrent first writers harmless.
async function ensureTable(db: D1Database): Promise<void> {
  if (prepared.has(db)) return;
  await db.batch([
    db.prepare(
      `CREATE TABLE IF NOT EXISTS ${METRICS_DATASET} (
        timestamp INTEGER NOT NULL, _sample_interval INTEGER NOT NULL DEFAULT 1, index1 TEXT NOT NULL,
        blob1 TEXT NOT NULL, blob2 TEXT, blob3 TEXT, blob4 TEXT, blob5 TEXT, blob6 TEXT, blob7 TEXT,
        double1 REAL, double2 REAL)`,
    ),
    db.prepare(`CREATE INDEX IF NOT EXISTS ${METRICS_DATASET}_kind_time ON ${METRICS_DATASET} (blob1, timestamp)`),
  ]);
  prepared.add(db);
}

/** Ensures the local sink's table exists (a reader may come before any writer). */
export function prepareLocalSink(db: D1Database): Promise<void> {
  return ensureTable(db);
}

/** Writes points into the local D1 table in Analytics Engine's column layout (timestamp in ms). */
export function d1Sink(db: D1Database, now: () => number = Date.now): MetricsSink {
  return {
    async write(point) {
      try {
        const p = toDataPoint(point);
        await ensureTable(db);
        await db
          .prepare(
            `INSERT INTO ${METRICS_DATASET} (timestamp, index1, blob1, blob2, blob3, blob4, blob5, blob6, blob7, double1, double2)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(now(), p.indexes[0], ...p.blobs, ...p.doubles)
          .run();
      } catch (err) {
        console.warn(JSON.stringify({ level: 'warn', message: 'metric not written', error: String(err) }));
      }
    },
  };
}

/** Writes points to Analytics Engine (fire and forget: the runtime sends them after the response). */
export function analyticsEngineSink(dataset: AnalyticsEngineDataset): MetricsSink {
  return {
    async write(point) {
      try {
        dataset.writeDataPoint(toDataPoint(point));
      } catch (err) {
        console.warn(JSON.stringify({ level: 'warn', message: 'metric not written', error: String(err) }));
      }
    },
  };
}

const NOWHERE: MetricsSink = { write: async () => {} };

/** The sink of this environment: the local D1 table in development and tests, Analytics Engine elsewhere. */
export function metricsSink(env: MetricsEnv): MetricsSink {
  if (env.METRICS_DB && LOCAL_ENVIRONMENTS.has(env.ENVIRONMENT ?? '')) return d1Sink(env.METRICS_DB);
  if (env.ANALYTICS) return analyticsEngineSink(env.ANALYTICS);
  return NOWHERE;
}
