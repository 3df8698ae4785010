import { AppError } from '@linked-all/http';
import type { OrderStatus, VendorOrderStatus } from '../../contract';
import { PAYMENT_EVENT_TYPE, type PaymentSignal, SHOPPER_CANCELLED } from '../checkout/payment';
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
  const order = await env.DB.prepare(
    `SELECT status, payment_method AS paymentMethod, payment_status AS paymentStatus, workflow_instance_id AS instanceId
       FROM orders WHERE id = ? AND user_id = ?`,
  )
    .bind(input.orderId, input.userId)
    .first<{ status: OrderStatus; paymentMethod: string; paymentStatus: string; instanceId: string }>();
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

  const { results: vendorOrders } = await env.DB.prepare('SELECT id, status FROM vendor_orders WHERE order_id = ?')
    .bind(input.orderId)
    .all<{ id: string; status: VendorOrderStatus }>();
  const shipped = vendorOrders.filter((v) => v.status === 'shipped' || v.status === 'delivered');
  const live = vendorOrders.filter((v) => BEFORE_SHIPMENT.includes(v.status));
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
