import { orderLogLines } from '@linked-all/metrics';
import type { TraceLogRow } from '@linked-all/web';

/** Fields every line has, shown in their own columns rather than in the detail. */
const SHOWN = new Set(['level', 'message', 'time', 'traceId', 'spanId', 'parentSpanId', 'service']);
const DETAIL_CHARS = 160;

function detailOf(line: string): string {
  let fields: unknown;
  try {
    fields = JSON.parse(line);
  } catch {
    return '';
  }
  if (typeof fields !== 'object' || fields === null) return '';
  const text = Object.entries(fields)
    .filter(([k]) => !SHOWN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS - 1)}…` : text;
}

/**
 * The log lines of an order's traces for its console page: locally from the log sink every worker
 * writes (METRICS_DB log_lines); null in staging and production, where they are in Workers Logs
 * (docs/operations.md, Tracing, gives the query).
 */
export async function orderLogs(env: GatewayEnv, orderId: string): Promise<TraceLogRow[] | null> {
  if (!env.METRICS_DB || (env.ENVIRONMENT !== 'development' && env.ENVIRONMENT !== 'test')) return null;
  const lines = await orderLogLines(env.METRICS_DB, orderId, 150);
  return lines.map((l) => ({
    at: new Date(l.time).toISOString(),
    level: l.level,
    service: l.service,
    message: l.message,
    traceId: l.traceId ?? '',
    spanId: l.spanId ?? '',
    parentSpanId: l.parentSpanId ?? '',
    detail: detailOf(l.line),
  }));
}
