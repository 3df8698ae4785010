import type { NotificationEventType, OrderEvent, PaymentQueueEvent, ShipmentEvent } from '@linked-all/events';
import type { MessageKey } from '@linked-all/i18n';
import type { MessageClass } from '../../contract/enums';
import type { Recipient } from './contacts';
import { orderRef, type TemplateParams } from './render';

/** One message an event asks for: to whom, which template, how much it matters, its values. */
export type Intent = {
  to: Recipient;
  template: MessageKey;
  class: MessageClass;
  /** SMS is for messages that matter (and costs money); the rest go live → push → e-mail. */
  sms: boolean;
  params: TemplateParams;
  /** The page the message is about, on our origin (a tapped push opens it). */
  link?: string;
};

/** Every event this service consumes (notification-events and shipment-events). */
export type NotifiedEvent = OrderEvent | PaymentQueueEvent | ShipmentEvent;
type Of<T extends NotifiedEvent['type']> = Extract<NotifiedEvent, { type: T }>;
type Mapping<T extends NotifiedEvent['type']> = (event: Of<T>) => Intent[];

// A return shipment (shopper → vendor, `returnId` set) is not news of a delivery: its words are not these.
const shipmentMove = (template: MessageKey, cls: MessageClass, sms: boolean) => (e: Of<ShipmentEvent['type']>) =>
  e.data.returnId
    ? []
    : [
        {
          to: { kind: 'user', userId: e.data.userId },
          template,
          class: cls,
          sms,
          params: { order: orderRef(e.data.orderId), tracking: e.data.trackingCode },
          link: `/orders/${e.data.orderId}`,
        } satisfies Intent,
      ];

/**
 * One entry per event type that notifies anyone: a new event type is one template and one line
 * here. The fanned-out types (packages/events NOTIFICATION_EVENT_TYPES) must all appear (type
 * error otherwise); shipment events arrive on their own queue, and only the ones listed notify.
 */
export const MAPPINGS: { [T in NotificationEventType]: Mapping<T> } & { [T in ShipmentEvent['type']]?: Mapping<T> } = {
  'order.confirmed': (e) => [
    {
      to: { kind: 'user', userId: e.data.userId },
      template: 'notify.sms.order_confirmed',
      class: 'transactional',
      sms: true,
      params: { order: orderRef(e.data.orderId), amount: { amount: e.data.amount, currency: e.data.currency } },
      link: `/orders/${e.data.orderId}`,
    },
    ...e.data.vendorOrders.map(
      (vo): Intent => ({
        to: { kind: 'vendor', vendorId: vo.vendorId },
        template: 'notify.sms.vendor_new_order',
        class: 'transactional',
        sms: true,
        params: { order: orderRef(vo.vendorOrderId), amount: { amount: vo.subtotal, currency: e.data.currency } },
        link: `/vendor/orders/${vo.vendorOrderId}`,
      }),
    ),
  ],
  // Cancellations and deliveries update the order projection; shipment.* carries the shopper's words.
  'order.cancelled': () => [],
  'order.delivered': () => [],
  'payment.failed': (e) => [
    {
      to: { kind: 'user', userId: e.data.userId },
      template: 'notify.sms.payment_failed',
      class: 'transactional',
      sms: true,
      params: { amount: { amount: e.data.amount, currency: e.data.currency } },
    },
  ],
  'payout.completed': (e) => [
    {
      to: { kind: 'vendor', vendorId: e.data.vendorId },
      template: 'notify.sms.payout_sent',
      class: 'transactional',
      sms: true,
      params: { amount: { amount: e.data.amount, currency: e.data.currency }, receipt: e.data.receipt },
    },
  ],
  'shipment.picked_up': shipmentMove('notify.sms.shipped', 'transactional', false),
  'shipment.out_for_delivery': shipmentMove('notify.sms.out_for_delivery', 'transactional', true),
  // Waiting at a station is about the collection code: it is never held by quiet hours.
  'shipment.at_station': shipmentMove('notify.sms.at_station', 'urgent', true),
  'shipment.delivered': shipmentMove('notify.sms.delivered', 'transactional', false),
};

/** The messages an event asks for (none for a type without a mapping). */
export function intentsFor(event: NotifiedEvent): Intent[] {
  const mapping = (MAPPINGS as Partial<Record<NotifiedEvent['type'], (e: NotifiedEvent) => Intent[]>>)[event.type];
  return mapping ? mapping(event) : [];
}
