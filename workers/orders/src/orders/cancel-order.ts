import { AppError } from '@linked-all/http';
import { and, eq } from 'drizzle-orm';
import { PAYMENT_EVENT_TYPE, type PaymentSignal, SHOPPER_CANCELLED } from '../checkout/payment';
import { orm } from '../db/orm';
import { orders, vendorOrders } from '../db/schema';
import { BEFORE_SHIPMENT, dropVendorOrder } from './drop-vendor-order';

type Env = Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS' | 'CHECKOUT'>;

/**
 * The shopper cancels their order before anything ships. A checkout still waiting for a
 * mobile-money approval is told the payment is off (the saga then cancels and compensates
 * itself); a checkout busy between two steps asks the shopper to retry in a moment; a confirmed
 * order drops every vendor order that has not shipped, each refunded through payments. Once any
 * vendor order has shipped the order can no longer be cancelled (409): that is a return.
 */
export async function cancelOwnOrder(env: Env, input: { orderId: string; userId: string }): Promise<'accepted' | 'cancelled'> {
  const order = await orm(env.DB)
    .select({
      status: orders.status,
      paymentMethod: orders.paymentMethod,
      paymentStatus: orders.paymentStatus,
      instanceId: orders.workflowInstanceId,
    })
    .from(orders)
    .where(and(eq(orders.id, input.orderId), eq(orders.userId, input.userId)))
    .get();
  if (!order) throw new AppError('not_found', `You have no order ${input.orderId}`);

  if (order.status === 'pending' || order.status === 'awaiting_payment') {
    if (order.paymentMethod === 'mobile_money' && order.paymentStatus === 'pending') {
      const signal: PaymentSignal = { status: 'failed', reason: SHOPPER_CANCELLED };
      await (await env.CHECKOUT.get(order.instanceId)).sendEvent({ type: PAYMENT_EVENT_TYPE, payload: signal });
      return 'accepted';
    }
    throw new AppError('conflict', 'The checkout is still running; cancel again in a moment', {
      headers: { 'retry-after': '2' },
    });
  }

  const theirs = await orm(env.DB)
    .select({ id: vendorOrders.id, status: vendorOrders.status })
    .from(vendorOrders)
    .where(eq(vendorOrders.orderId, input.orderId));
  const shipped = theirs.filter((v) => v.status === 'shipped' || v.status === 'delivered');
  const live = theirs.filter((v) => BEFORE_SHIPMENT.includes(v.status));
  if (shipped.length > 0 || live.length === 0) {
    throw new AppError(
      'invalid_transition',
      shipped.length > 0
        ? 'Part of this order has shipped; it can no longer be cancelled (ask for a return instead)'
        : `The order is ${order.status} and cannot be cancelled`,
      { from: order.status, to: 'cancelled' },
    );
  }
  for (const v of live) {
    await dropVendorOrder(env, {
      orderId: input.orderId,
      userId: input.userId,
      vendorOrderId: v.id,
      as: 'cancelled',
      actor: input.userId,
      reason: SHOPPER_CANCELLED,
    });
  }
  return 'cancelled';
}
