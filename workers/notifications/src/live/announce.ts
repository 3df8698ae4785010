import { log } from '@linked-all/http';
import { z } from 'zod';
import type { NotifiedEvent } from '../domain/mapping';
import { type HubName, hubName, hubsWithPages, type LiveMessage } from './live-hub';

// Which order an event is about and whose pages care: the buyer's, and for a new order each shop's.
const Subject = z.object({
  userId: z.string().optional(),
  orderId: z.string().optional(),
  vendorOrderId: z.string().optional(),
  status: z.string().optional(),
  vendorOrders: z.array(z.object({ vendorId: z.string(), vendorOrderId: z.string().optional() })).optional(),
});

/**
 * Tells open pages that an order or shipment changed, so they update without a reload. Best
 * effort: a page that missed it shows the change on its next load, so a failure here never holds
 * the event back (its messages still go out).
 */
export async function announceLive(env: NotificationsEnv, event: NotifiedEvent): Promise<void> {
  const subject = Subject.safeParse(event.data);
  if (!subject.success || !subject.data.orderId) return;
  const { userId, orderId, vendorOrderId, status, vendorOrders } = subject.data;
  const message: LiveMessage = { kind: 'order', event: event.type, orderId, vendorOrderId, status };
  const audiences = [
    ...(userId ? [{ userId }] : []),
    ...(event.type === 'order.confirmed' ? (vendorOrders ?? []).map((vo) => ({ vendorId: vo.vendorId })) : []),
  ];
  // Only the hubs with a page open are woken (most buyers and shops have none when an event comes).
  const open = await hubsWithPages(env.DB, audiences.map(hubName) satisfies HubName[]);
  const hubs = audiences.filter((a) => open.has(hubName(a))).map((a) => env.LIVE.getByName(hubName(a)));
  const sent = await Promise.allSettled(hubs.map((hub) => hub.broadcast(message)));
  for (const result of sent) {
    if (result.status === 'rejected')
      log('warn', 'live update not delivered', { eventId: event.id, error: String(result.reason) });
  }
}
