import type { EventDefinition } from '@linked-all/events';
import { log, uuidv7 } from '@linked-all/http';
import type { z } from 'zod';

/**
 * The Inventory object's own outbox: an event is written in the same synchronous SQL
 * section as the stock change it describes (so it exists iff the change does), then sent.
 * Sending twice is harmless: consumers dedupe on the event id.
 */
export function writeEvent<D extends EventDefinition>(sql: SqlStorage, definition: D, data: z.input<D['data']>, now: number) {
  const event = definition.envelope.parse({
    id: uuidv7(now),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date(now).toISOString(),
    data,
  });
  sql.exec('INSERT INTO outbox (id, body, created_at) VALUES (?, ?, ?)', event.id, JSON.stringify(event), now);
}

/** Sends the unsent events in the order they were written, a page at a time; returns how many. */
export async function sendUnsent(sql: SqlStorage, queue: Queue, limit = 100): Promise<number> {
  const rows = sql
    .exec<{ seq: number; body: string }>('SELECT seq, body FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?', limit)
    .toArray();
  if (rows.length === 0) return 0;
  await queue.sendBatch(rows.map((row) => ({ body: JSON.parse(row.body), contentType: 'json' as const })));
  sql.exec('UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND seq <= ?', Date.now(), rows[rows.length - 1].seq);
  log('debug', 'inventory outbox sent', { count: rows.length });
  return rows.length;
}

/** True while some event still waits to be sent (the alarm then keeps retrying). */
export function hasUnsent(sql: SqlStorage): boolean {
  return sql.exec('SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1').toArray().length > 0;
}

/** Sent events are kept a day for inspection, then pruned so the table stays small. */
export function pruneSent(sql: SqlStorage, now: number) {
  sql.exec('DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?', now - 24 * 60 * 60 * 1000);
}
