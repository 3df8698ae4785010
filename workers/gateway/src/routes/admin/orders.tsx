import { traced } from '@linked-all/http';
import { TrackingCode } from '@linked-all/logistics/contract';
import { OrderId, VendorOrderId } from '@linked-all/orders/contract';
import { type AdminOrderDetail, AdminOrderPage, AdminOrdersPage, type FoundOrderRow, type TimelineRow } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import { notFound, type PageCtx, type PagesEnv } from '../../page-response';
import { callService } from '../../service-client';
import { adminOf } from './guard';
import { ADMIN_FORM_LIMIT, adminWords, done, form, orAgain, screenContext, sendScreen } from './kit';
import { orderLogs } from './order-logs';

// Vendor orders the console may still cancel (orders' own rule: nothing has left the vendor).
const BEFORE_SHIPMENT = ['pending', 'accepted', 'ready'];

/** The search box: an order or vendor order id, a tracking code, else a phone, e-mail or user id (identity). */
async function findOrders(c: PageCtx, q: string): Promise<FoundOrderRow[]> {
  const text = q.trim();
  if (OrderId.safeParse(text).success) return traced(c.env.ORDERS).adminFindOrders({ orderId: text });
  if (VendorOrderId.safeParse(text).success) return traced(c.env.ORDERS).adminFindOrders({ vendorOrderId: text });
  const code = TrackingCode.safeParse(text);
  if (code.success) {
    const orderId = await traced(c.env.LOGISTICS).adminOrderOfTrackingCode(code.data);
    return orderId ? traced(c.env.ORDERS).adminFindOrders({ orderId }) : [];
  }
  const users = await traced(c.env.IDENTITY).adminFindUsers(text);
  return users.length ? traced(c.env.ORDERS).adminFindOrders({ userIds: users.map((u) => u.id) }) : [];
}

/** An order with the timeline of every event: orders' status moves, its shipments' and its ledger entries. */
async function orderDetail(c: PageCtx, orderId: string): Promise<{ order: AdminOrderDetail; missing: string[] } | null> {
  const found = await traced(c.env.ORDERS).adminOrder(orderId);
  if (!found) return null;
  const [shipments, payments] = await Promise.allSettled([
    traced(c.env.LOGISTICS).adminShipmentSteps(orderId),
    traced(c.env.PAYMENTS).adminPaymentSteps(orderId),
  ]);
  const timeline: TimelineRow[] = [
    ...found.steps.map((s) => ({
      at: s.at,
      source: 'orders' as const,
      what: `${s.vendorOrderId ?? orderId}: ${s.from} → ${s.to}`,
      who: s.actor,
      why: s.reason,
    })),
    ...(shipments.status === 'fulfilled' ? shipments.value : []).map((s) => ({
      at: s.at,
      source: 'shipment' as const,
      what: `${s.trackingCode} (${s.vendorOrderId}): ${s.from} → ${s.to}`,
      who: s.actor,
      why: s.reason,
    })),
    ...(payments.status === 'fulfilled' ? payments.value : []).map((p) => ({
      at: p.at,
      source: 'payment' as const,
      what: `${p.kind} ${p.ref} ${p.amount} ${p.currency}`,
      who: 'payments',
      why: null,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const { order } = found;
  return {
    order: {
      id: order.id,
      userId: found.userId,
      status: order.status,
      paymentMethod: order.payment.method,
      paymentStatus: order.payment.status,
      total: order.total?.amount ?? 0,
      currency: order.currency,
      createdAt: order.createdAt,
      vendorOrders: order.vendorOrders.map((v) => ({
        id: v.id,
        vendorId: v.vendorId,
        vendorName: v.vendorName,
        status: v.status,
        amount: v.subtotal.amount + v.delivery.fee,
        currency: v.subtotal.currency,
        cancellable: BEFORE_SHIPMENT.includes(v.status),
      })),
      timeline,
    },
    missing: [shipments.status === 'rejected' ? 'logistics' : '', payments.status === 'rejected' ? 'payments' : ''].filter(
      Boolean,
    ),
  };
}

async function orderScreen(c: PageCtx, orderId: string, error?: string) {
  const [detail, logs] = await Promise.all([orderDetail(c, orderId), orderLogs(c.env, orderId)]);
  return detail ? (
    <AdminOrderPage {...screenContext(c, error)} order={detail.order} missing={detail.missing} logs={logs} />
  ) : null;
}

/** Cancel one vendor order with a reason: orders drops it (refund through payments) and audits it in the move's batch. */
async function cancelVendorOrder(c: PageCtx) {
  const admin = await adminOf(c);
  const t = adminWords(c);
  const orderId = OrderId.safeParse(c.req.param('id'));
  const vendorOrderId = VendorOrderId.safeParse(c.req.param('vendorOrderId'));
  if (!orderId.success || !vendorOrderId.success) return notFound(c, t('admin.error.not_found'), { private: true });
  const again = async (error: string) => (await orderScreen(c, orderId.data, error)) ?? <p>{error}</p>;
  const body = await form(c);
  const reason = (body.reason ?? '').trim();
  if (reason.length < 3) return sendScreen(c, await again(t('admin.error.reason')), 400);
  return orAgain(
    c,
    async () => {
      await callService(c, c.env.ORDERS, `/v1/admin/vendor-orders/${vendorOrderId.data}/cancel`, z.looseObject({}), {
        method: 'POST',
        token: admin.token,
        headers: body.key ? { 'idempotency-key': body.key } : {},
        json: { reason },
      });
      return done(c, `/admin/orders/${orderId.data}`, 'refunded');
    },
    again,
  );
}

export const orderRoutes = new Hono<PagesEnv>()
  .get('/orders', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const orders = q.trim() ? await findOrders(c, q) : null;
    return sendScreen(c, <AdminOrdersPage {...screenContext(c)} q={q} orders={orders} />);
  })
  .get('/orders/:id', async (c) => {
    const id = OrderId.safeParse(c.req.param('id'));
    const page = id.success ? await orderScreen(c, id.data) : null;
    return page ? sendScreen(c, page) : notFound(c, adminWords(c)('admin.error.not_found'), { private: true });
  })
  .post('/orders/:id/vendor-orders/:vendorOrderId/cancel', ADMIN_FORM_LIMIT, cancelVendorOrder);
