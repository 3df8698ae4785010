import { consumeBatch, PaymentQueueEvent } from '@linked-all/events';
import { log } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import { PAYMENT_EVENT_TYPE, type PaymentSignal } from '../checkout/payment';
import { orm } from '../db/orm';
import { orders } from '../db/schema';

/**
 * The one consumer of payment-events. A mobile-money payment for an order resumes that order's
 * checkout: `payment.completed` / `payment.failed` with an `orderId` are forwarded to the waiting
 * Workflow instance. Other payment events (plain top-ups, refunds) and vendor payouts concern
 * nobody here yet.
 */
export async function consumePaymentEvents(batch: MessageBatch<unknown>, env: Pick<OrdersEnv, 'DB' | 'CHECKOUT'>) {
  // payout.* share this queue; they are parsed (not dropped as malformed) and acknowledged untouched.
  await consumeBatch(batch, PaymentQueueEvent, env.DB, async (event) => {
    if (event.type !== 'payment.completed' && event.type !== 'payment.failed') return;
    const { orderId } = event.data;
    if (!orderId) return;
    const order = await orm(env.DB)
      .select({ instanceId: orders.workflowInstanceId, status: orders.status })
      .from(orders)
      .where(eq(orders.id, orderId))
      .get();
    if (!order) {
      log('warn', 'payment event for an unknown order', { eventId: event.id, orderId });
      return;
    }
    // A checkout that already gave up (timeout) no longer listens; the money stays in the wallet.
    if (order.status !== 'pending' && order.status !== 'awaiting_payment') return;
    const signal: PaymentSignal =
      event.type === 'payment.completed' ? { status: 'completed' } : { status: 'failed', reason: event.data.reason };
    const instance = await env.CHECKOUT.get(order.instanceId);
    await instance.sendEvent({ type: PAYMENT_EVENT_TYPE, payload: signal });
  });
}
