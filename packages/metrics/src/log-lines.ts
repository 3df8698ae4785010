import type { MetricsEnv } from './sink';

// Log lines where the console can read them, locally. Production keeps them in Workers Logs (read
// through the observability API, docs/operations.md "Tracing"); development and tests have no such
// store, so the shared logger also writes each line into the local metrics D1 (`METRICS_DB`). Like
// the metrics table, the table is made on first use: it belongs to no service's database.

/** The local table's name. */
export const LOG_LINES_TABLE = 'log_lines';

const LOCAL_ENVIRONMENTS = new Set(['development', 'test']);

/** This isolate's local log store, once a handler with the environment has run (one worker per isolate). */
let store: { db: D1Database; service: string } | null = null;
const prepared = new WeakSet<D1Database>();

/**
 * Keeps this isolate's log lines in the local sink from now on, in development and tests only
 * (where `METRICS_DB` is bound); anywhere else a no-op. Called by every entry point that has the
 * environment: requests, RPC calls, queue batches, Workflow runs.
 */
export function keepLogLines(env: MetricsEnv | undefined, service: string): void {
  if (store || !env?.METRICS_DB || !LOCAL_ENVIRONMENTS.has(env.ENVIRONMENT ?? '')) return;
  store = { db: env.METRICS_DB, service };
}

async function ensureTable(db: D1Database): Promise<void> {
  if (prepared.has(db)) return;
  await db.batch([
    db.prepare(
      `CREATE TABLE IF NOT EXISTS ${LOG_LINES_TABLE} (
        time INTEGER NOT NULL, level TEXT NOT NULL, service TEXT NOT NULL, message TEXT NOT NULL,
        trace_id TEXT, span_id TEXT, parent_span_id TEXT, order_id TEXT, line TEXT NOT NULL)`,
    ),
    db.prepare(`CREATE INDEX IF NOT EXISTS ${LOG_LINES_TABLE}_trace ON ${LOG_LINES_TABLE} (trace_id, time)`),
    db.prepare(`CREATE INDEX IF NOT EXISTS ${LOG_LINES_TABLE}_order ON ${LOG_LINES_TABLE} (order_id) WHERE order_id IS NOT NULL`),
  ]);
  prepared.add(db);
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Writes one log line into the local sink, if this isolate keeps them; `defer` (the context's
 * `waitUntil`) keeps the write alive after the answer. Never throws and never logs: a failed
 * write of a log line must not become another log line.
 */
export function writeLogLine(line: Record<string, unknown>, defer?: (work: Promise<unknown>) => void): void {
  if (!store) return;
  const { db, service } = store;
  const work = (async () => {
    await ensureTable(db);
    await db
      .prepare(
        `INSERT INTO ${LOG_LINES_TABLE} (time, level, service, message, trace_id, span_id, parent_span_id, order_id, line)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        Date.parse(text(line.time) ?? '') || Date.now(),
        text(line.level) ?? 'info',
        text(line.service) ?? service,
        text(line.message) ?? '',
        text(line.traceId),
        text(line.spanId),
        text(line.parentSpanId),
        text(line.orderId),
        JSON.stringify(line),
      )
      .run();
  })().catch(() => {
    // Deliberately silent: see above; the line itself was already printed to the console.
  });
  defer?.(work);
}

/** One kept log line, as the console lists it. */
export type LogLine = {
  time: number;
  level: string;
  service: string;
  message: string;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  /** The whole line as printed (its other fields). */
  line: string;
};

/**
 * The log lines of an order's traces, oldest first: every trace that wrote a line naming the order
 * (the checkout's request, its saga's steps and the calls they made), then every line of those
 * traces. At most `limit` lines.
 */
export async function orderLogLines(db: D1Database, orderId: string, limit = 200): Promise<LogLine[]> {
  await ensureTable(db);
  const { results } = await db
    .prepare(
      `SELECT time, level, service, message, trace_id AS traceId, span_id AS spanId, parent_span_id AS parentSpanId, line
       FROM ${LOG_LINES_TABLE}
       WHERE trace_id IN (SELECT DISTINCT trace_id FROM ${LOG_LINES_TABLE} WHERE order_id = ? AND trace_id IS NOT NULL)
       ORDER BY time, rowid LIMIT ?`,
    )
    .bind(orderId, limit)
    .all<LogLine>();
  return results;
}
