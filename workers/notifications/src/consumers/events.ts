import {
  consumeBatch,
  eventUnion,
  ORDER_EVENTS,
  PAYMENT_EVENTS,
  PAYOUT_EVENTS,
  recordDeadLetters,
  SHIPMENT_EVENTS,
} from '@linked-all/events';
import { log } from '@linked-all/http';
import { intentsFor, type NotifiedEvent } from '../domain/mapping';
import { notify } from '../domain/notify';
import { project } from '../domain/projection';
import { announceLive } from '../live/announce';

/** Anything on notification-events (orders' and payments' fan-out) or shipment-events. */
export const NotifiedEventSchema = eventUnion([...ORDER_EVENTS, ...PAYMENT_EVENTS, ...PAYOUT_EVENTS, ...SHIPMENT_EVENTS]);

/**
 * notification-events and shipment-events: notifications is the one consumer of both. Each event
 * updates the order projection, then each of its intents is stored once and delivered. An event
 * that fails is retried with back-off (consumeBatch); one already processed is acknowledged.
 */
export async function consumeNotifiedEvents(batch: MessageBatch<unknown>, env: NotificationsEnv): Promise<void> {
  // Open pages hear of the whole batch first: an update does not wait for the batch's earlier
  // events' messages (identity lookups, SMS) to be sent. Only first deliveries announce (a retry
  // would repeat it to open pages).
  const fresh = batch.messages.flatMap((m) => {
    const parsed = m.attempts > 1 ? null : NotifiedEventSchema.safeParse(m.body);
    return parsed?.success ? [parsed.data] : [];
  });
  await announceLive(env, fresh);
  await consumeBatch(batch, NotifiedEventSchema, env.DB, (event) => handle(env, event, false));
}

async function handle(env: NotificationsEnv, event: NotifiedEvent, exhausted: boolean): Promise<void> {
  await project(env.DB, event);
  for (const intent of intentsFor(event)) await notify(env, event.id, intent, Date.now(), exhausted);
}

/**
 * The dead-letter queues: the message is kept for operators, and its notifications move on to
 * the next channel of their cascade (the one that kept failing is passed over).
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: NotificationsEnv): Promise<void> {
  for (const message of batch.messages) {
    const parsed = NotifiedEventSchema.safeParse(message.body);
    if (!parsed.success) continue;
    try {
      await handle(env, parsed.data, true);
    } catch (err) {
      log('error', 'dead-lettered event could not move to the next channel', {
        eventId: parsed.data.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  await recordDeadLetters(batch, env.DB);
}
