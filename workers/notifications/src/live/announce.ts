import { log } from '@linked-all/http';
import { z } from 'zod';
import type { NotifiedEvent } from '../domain/mapping';
import { hubName, hubsWithPages, type LiveMessage } from './live-hub';

// Which order an event is about and whose pages care: the buyer's, and for a new order each shop's.
const Subject = z.object({
  userId: z.string().optional(),
  orderId: z.string().optional(),
  vendorOrderId: z.string().optional(),
  status: z.string().optional(),
  vendorOrders: z.array(z.object({ vendorId: z.string(), vendorOrderId: z.string().optional() })).optional(),
});

// D1 binds at most 100 parameters per statement.
const PRESENCE_CHUNK = 90;

function audiencesOf(event: NotifiedEvent) {
  const subject = Subject.safeParse(event.data);
  if (!subject.success || !subject.data.orderId) return null;
  const { userId, orderId, vendorOrderId, status, vendorOrders } = subject.data;
  const message: LiveMessage = { kind: 'order', event: event.type, orderId, vendorOrderId, status };
  const hubs = [
    ...(userId ? [hubName({ userId })] : []),
    ...(event.type === 'order.confirmed' ? (vendorOrders ?? []).map((vo) => hubName({ vendorId: vo.vendorId })) : []),
  ];
  return { message, hubs };
}

/**
 * Tells open pages that orders or shipments changed, so they update without a reload: the whole
 * batch at once, before any event's messages are sent, with one presence read for all its hubs and
 * only the hubs with a page open woken (most buyers and shops have none). Best effort: a page that
 * missed it shows the change on its next load, so a failure here never holds an event back.
 */
export async function announceLive(env: NotificationsEnv, events: NotifiedEvent[]): Promise<void> {
  const announcements = events.flatMap((e) => audiencesOf(e) ?? []);
  const wanted = [...new Set(announcements.flatMap((a) => a.hubs))];
  try {
    const open = new Set<string>();
    for (let i = 0; i < wanted.length; i += PRESENCE_CHUNK)
      for (const hub of await hubsWithPages(env.DB, wanted.slice(i, i + PRESENCE_CHUNK))) open.add(hub);
    const sends = announcements.flatMap(({ message, hubs }) =>
      hubs.filter((h) => open.has(h)).map((h) => env.LIVE.getByName(h).broadcast(message)),
    );
    for (const result of await Promise.allSettled(sends)) {
      if (result.status === 'rejected') log('warn', 'live update not delivered', { error: String(result.reason) });
    }
  } catch (err) {
    log('warn', 'live updates skipped', { events: events.length, error: err instanceof Error ? err.message : String(err) });
  }
}
