import { currentTraceparent, log, uuidv7 } from '@linked-all/http';
import type { z } from 'zod';
import type { EventDefinition } from './envelope';
import { isNotified } from './notification-events';

/**
 * A SQL condition checked in the same batch as the change ("this call's change is the one that
 * landed"): with it, an event is written only if its change happened, so a retried or racing
 * operation publishes nothing twice.
 */
export type OutboxGuard = { sql: string; args: unknown[] };

/**
 * Transactional outbox. `outboxStatement` returns a statement to put in the
 * same D1 `batch()` as the state change, so the event exists iff the change
 * does. `relayOutbox` publishes unsent rows; a crash between the two leaves
 * rows unsent, and the next relay (request tail or cron) sends them.
 * Consumers dedupe on the event id, so sending twice is harmless.
 */
export function outboxStatement<D extends EventDefinition>(
  db: D1Database,
  definition: D,
  data: z.input<D['data']>,
  context: { traceparent?: string; now?: number; when?: OutboxGuard } = {},
): D1PreparedStatement {
  const now = context.now ?? Date.now();
  const event = definition.envelope.parse({
    id: uuidv7(now),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date(now).toISOString(),
    // The trace of the work that wrote it (request or consumed event), unless the caller names one.
    traceparent: context.traceparent ?? currentTraceparent(),
    data,
  });
  const row = [event.id, event.type, JSON.stringify(event), now];
  if (!context.when) return db.prepare('INSERT INTO outbox (id, type, body, created_at) VALUES (?, ?, ?, ?)').bind(...row);
  return db
    .prepare(`INSERT INTO outbox (id, type, body, created_at) SELECT ?, ?, ?, ? WHERE ${context.when.sql}`)
    .bind(...row, ...context.when.args);
}

/**
 * Sends up to `limit` unsent events in id (= time) order and marks them sent. Returns how many.
 * With `notify` (the optional NOTIFICATIONS_QUEUE producer), events that have a notification
 * mapping also go there, before the rows are marked: a failure of either send leaves them unsent,
 * and the consumers' dedupe on the event id absorbs the resend.
 */
export async function relayOutbox(db: D1Database, queue: Queue, limit = 100, notify?: Queue): Promise<number> {
  const { results } = await db
    .prepare('SELECT id, body FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?')
    .bind(limit)
    .all<{ id: string; body: string }>();
  if (results.length === 0) return 0;
  const messages = results.map((row) => ({ body: JSON.parse(row.body), contentType: 'json' as const }));
  await queue.sendBatch(messages);
  const notified = messages.filter((m) => isNotified(String(m.body?.type)));
  if (notify && notified.length > 0) await notify.sendBatch(notified);
  const now = Date.now();
  await db.batch(results.map((row) => db.prepare('UPDATE outbox SET sent_at = ? WHERE id = ?').bind(now, row.id)));
  log('debug', 'outbox relayed', { count: results.length });
  return results.length;
}

const RELAY_PAGE = 100;

/**
 * Publishes every unsent event, page by page, bounded so one call cannot run
 * away (the next request or cron finishes a larger burst). Never throws: a
 * failure is logged and the rows stay unsent for the cron to retry.
 */
export async function drainOutbox(db: D1Database, queue: Queue, notify?: Queue, maxRounds = 10): Promise<number> {
  let total = 0;
  try {
    for (let round = 0; round < maxRounds; round++) {
      const sent = await relayOutbox(db, queue, RELAY_PAGE, notify);
      total += sent;
      // A short page was everything unsent: asking again would cost a read to find nothing.
      // A row written since is relayed by its writer's own drain, or by the cron.
      if (sent < RELAY_PAGE) break;
    }
  } catch (err) {
    log('warn', 'outbox relay failed; the cron will retry', { error: err instanceof Error ? err.message : String(err) });
  }
  return total;
}
