export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured JSON line per event, so Workers Logs can index the fields. */
export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
