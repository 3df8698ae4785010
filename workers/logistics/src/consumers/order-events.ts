import { consumeBatch, OrderEvent } from '@linked-all/events';
import { cancelShipments, createShipments } from '../domain/create-shipments';
import { relayLogisticsOutbox } from '../domain/relay';
import { closeReturnShipment, createReturnShipment } from '../domain/return-shipments';

/**
 * order-events: logistics is its one consumer. order.confirmed creates the shipments,
 * order.cancelled cancels those still at the vendor, return.accepted books a return shipment and
 * return.received closes it; the rest are acknowledged. When the
 * notifications service arrives it gets its own copy by an explicit fan-out, not a second consumer.
 */
export async function consumeOrderEvents(batch: MessageBatch<unknown>, env: LogisticsEnv): Promise<void> {
  await consumeBatch(batch, OrderEvent, env.DB, async (event) => {
    if (event.type === 'order.confirmed') await createShipments(env, event);
    else if (event.type === 'order.cancelled') await cancelShipments(env.DB, event);
    else if (event.type === 'return.accepted') await createReturnShipment(env, event);
    else if (event.type === 'return.received') await closeReturnShipment(env.DB, event);
  });
  await relayLogisticsOutbox(env);
}
