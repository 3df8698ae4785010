import { traceFields } from './trace';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured JSON line per event, so Workers Logs can index the fields; inside a request or a traced message it carries `traceId` and `spanId`. */
export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...traceFields(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
