// Which events the notifications service turns into messages. Orders' and payments' outbox
// relays send these types to `notification-events` as well as to their own queue (each queue has
// one consumer, so notifications gets its own copy). Notifications' mapping is a Record over this
// list: a type added here without a template and a mapping entry there is a type error.
export const NOTIFICATION_EVENT_TYPES = [
  'order.confirmed',
  'order.cancelled',
  'order.delivered',
  'payment.failed',
  'payout.completed',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

const NOTIFIED: ReadonlySet<string> = new Set(NOTIFICATION_EVENT_TYPES);

/** Whether an event of this type has a notification mapping (and so is fanned out to notification-events). */
export function isNotified(type: string): boolean {
  return NOTIFIED.has(type);
}
