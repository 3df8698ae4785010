import { log, nextTraceparent, withTraceparent } from '@linked-all/http';
import type { z } from 'zod';

/**
 * Runs `handle` once per event id. Delivery is at-least-once, so every event is
 * checked against `processed_events` first; an event that fails is retried by
 * the queue (and reaches the dead-letter queue after max_retries); a message
 * that is not a valid event is acknowledged and logged, since retrying it
 * cannot make it valid.
 */
export async function consumeBatch<S extends z.ZodType>(
  batch: MessageBatch<unknown>,
  schema: S,
  db: D1Database,
  handle: (event: z.infer<S>) => Promise<void>,
): Promise<void> {
  for (const message of batch.messages) {
    const parsed = schema.safeParse(message.body);
    if (!parsed.success) {
      log('error', 'dropping malformed event', { queue: batch.queue, messageId: message.id, issues: parsed.error.issues });
      message.ack();
      continue;
    }
    const event = parsed.data as z.infer<S> & { id: string; type: string; traceparent?: string };
    // The consumer continues the producer's trace (a new span): its log lines and the events it
    // writes carry the trace id of the request that caused them.
    await withTraceparent(nextTraceparent(event.traceparent), () => handleOne(event, message));
  }

  async function handleOne(event: z.infer<S> & { id: string; type: string }, message: Message<unknown>): Promise<void> {
    const seen = await db.prepare('SELECT 1 FROM processed_events WHERE id = ?').bind(event.id).first();
    if (seen) {
      message.ack();
      return;
    }
    try {
      await handle(event);
      await db
        .prepare('INSERT OR IGNORE INTO processed_events (id, type, processed_at) VALUES (?, ?, ?)')
        .bind(event.id, event.type, Date.now())
        .run();
      message.ack();
    } catch (err) {
      log('error', 'event handler failed', {
        queue: batch.queue,
        eventId: event.id,
        type: event.type,
        attempt: message.attempts,
        error: err instanceof Error ? err.message : String(err),
      });
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
}

/**
 * Keeps the messages a dead-letter queue received (they exhausted their retries) in the
 * service's `dead_letters` table for operators to inspect and replay, then acknowledges them.
 */
export async function recordDeadLetters(batch: MessageBatch<unknown>, db: D1Database, now = Date.now()): Promise<void> {
  await db.batch(
    batch.messages.map((m) =>
      db
        .prepare('INSERT OR IGNORE INTO dead_letters (message_id, queue, body, attempts, received_at) VALUES (?, ?, ?, ?, ?)')
        .bind(m.id, batch.queue, JSON.stringify(m.body), m.attempts, now),
    ),
  );
  batch.ackAll();
}
