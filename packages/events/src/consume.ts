import { inChildSpan, log } from '@linked-all/http';
import type { z } from 'zod';

/** How many of a batch's messages are handled at once (each is a few D1 statements and RPCs). */
export const CONSUME_CONCURRENCY = 8;

// The fields that name an event's aggregate, coarsest first: an order's events and its shipments'
// and payments' events share `orderId`, a product's SKUs share `productId`. Events of one
// aggregate are handled in their batch order; different aggregates run side by side.
const AGGREGATE_FIELDS = [
  'orderId',
  'returnId',
  'shipmentId',
  'payoutId',
  'productId',
  'skuId',
  'vendorId',
  'paymentId',
  'userId',
] as const;

/** The aggregate an event belongs to (`field:value`), or its own id when its data names none. */
export function aggregateKey(event: { id: string; data?: unknown }): string {
  const data = event.data;
  if (typeof data === 'object' && data !== null) {
    for (const field of AGGREGATE_FIELDS) {
      const value: unknown = Reflect.get(data, field);
      if (typeof value === 'string' && value !== '') return `${field}:${value}`;
    }
  }
  return `event:${event.id}`;
}

/**
 * Runs `handle` once per event id. Delivery is at-least-once, so every event is
 * checked against `processed_events` first; an event that fails is retried by
 * the queue (and reaches the dead-letter queue after max_retries); a message
 * that is not a valid event is acknowledged and logged, since retrying it
 * cannot make it valid. A batch's messages are handled `concurrency` at a time
 * (an open page's update does not wait behind another event's SMS), except that
 * events of the same aggregate (`aggregateKey`) keep their order, one after another —
 * and so do two deliveries of the same event, which share its key.
 */
export async function consumeBatch<S extends z.ZodType>(
  batch: MessageBatch<unknown>,
  schema: S,
  db: D1Database,
  handle: (event: z.infer<S>) => Promise<void>,
  options: {
    concurrency?: number;
    /**
     * Work done once per batch for every event handled now or before (a redelivery): e.g. one
     * round of cache invalidation instead of one per event. It runs before the acks; if it
     * fails, those messages are retried (and it runs again, their handlers skipped as done).
     */
    afterHandled?: (events: z.infer<S>[]) => Promise<void>;
  } = {},
): Promise<void> {
  const { concurrency = CONSUME_CONCURRENCY, afterHandled } = options;
  type Parsed = z.infer<S> & { id: string; type: string; traceparent?: string; data?: unknown };
  const done: { event: Parsed; message: Message<unknown> }[] = [];
  const lanes = new Map<string, { event: Parsed; message: Message<unknown> }[]>();
  for (const message of batch.messages) {
    const parsed = schema.safeParse(message.body);
    if (!parsed.success) {
      log('error', 'dropping malformed event', { queue: batch.queue, messageId: message.id, issues: parsed.error.issues });
      message.ack();
      continue;
    }
    const event = parsed.data as Parsed;
    const key = aggregateKey(event);
    const lane = lanes.get(key);
    if (lane) lane.push({ event, message });
    else lanes.set(key, [{ event, message }]);
  }

  // A fixed number of runners take whole lanes from one queue: at most `concurrency` handlers run,
  // and a lane is never split between runners.
  const pending = [...lanes.values()];
  const runner = async () => {
    for (let lane = pending.shift(); lane; lane = pending.shift()) {
      for (const { event, message } of lane) {
        // The consumer continues the producer's trace as a child span: its log lines and the events
        // it writes carry the trace id of the request that caused them, and name the producer's span
        // as their `parentSpanId` (without it the hop through the queue could not be drawn).
        await inChildSpan(event.traceparent, () => handleOne(event, message));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pending.length)) }, runner));
  if (afterHandled && done.length) {
    try {
      await afterHandled(done.map((d) => d.event));
    } catch (err) {
      log('error', 'after-batch work failed; retrying the batch', {
        queue: batch.queue,
        events: done.length,
        error: err instanceof Error ? err.message : String(err),
      });
      for (const { message } of done) retryLater(message);
      return;
    }
  }
  for (const { message } of done) message.ack();

  async function handleOne(event: Parsed, message: Message<unknown>): Promise<void> {
    try {
      const seen = await db.prepare('SELECT 1 FROM processed_events WHERE id = ?').bind(event.id).first();
      if (!seen) {
        await handle(event);
        await db
          .prepare('INSERT OR IGNORE INTO processed_events (id, type, processed_at) VALUES (?, ?, ?)')
          .bind(event.id, event.type, Date.now())
          .run();
      }
      // Acknowledged once the whole batch is through (after `afterHandled`).
      done.push({ event, message });
    } catch (err) {
      log('error', 'event handler failed', {
        queue: batch.queue,
        eventId: event.id,
        type: event.type,
        attempt: message.attempts,
        error: err instanceof Error ? err.message : String(err),
      });
      retryLater(message);
    }
  }
}

/** Back to the queue, later each attempt: 2, 4, 8 … seconds, at most a minute. */
function retryLater(message: Message<unknown>): void {
  message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
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
