import { writeLogLine } from '@linked-all/metrics';
import { currentDefer, traceFields } from './trace';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * One structured JSON line per event, so Workers Logs can index the fields; inside a request, a
 * traced RPC call, a Workflow step or a consumed event it carries `traceId` and `spanId` (and
 * `parentSpanId` when the caller is known). Locally the line is also kept for the console.
 */
export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const record = { level, message, time: new Date().toISOString(), ...traceFields(), ...fields };
  const line = JSON.stringify(record);
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
  writeLogLine(record, currentDefer());
}
