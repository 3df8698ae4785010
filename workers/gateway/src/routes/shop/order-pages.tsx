import { AddressView } from '@linked-all/identity/contract';
import { OrderTracking } from '@linked-all/logistics/contract';
import { OrderId, OrderList, OrderView } from '@linked-all/orders/contract';
import { DevActionView } from '@linked-all/payments/contract';
import { CancelOrderPage, OrderPage, OrdersPage } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import { notFound, type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage } from '../../page-response';
import { callService, isRefusal, type ServiceProblem } from '../../service-client';
import { type Session, setFlash, takeFlash } from '../../session';
import { FORM_LIMIT, form, PRIVATE, seeOther, signedIn, status } from './forms';
import { returnablePackages } from './returns-window';

// My orders: the list, one order, cancel, and (local dev) approving a sandbox payment.

/** Sandbox payment controls exist only where payments runs its provider sandboxes. */
export const isLocalDev = (env: GatewayEnv) => env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';

const noSuchOrder = (c: PageCtx) => notFound(c, pageI18nOf(c).t('shop.error.no_order'), PRIVATE);

export async function readOrder(c: PageCtx, session: Session, id: string): Promise<OrderView | null> {
  const orderId = OrderId.safeParse(id);
  if (!orderId.success) return null;
  try {
    return await callService(c, c.env.ORDERS, `/v1/orders/${orderId.data}`, OrderView, { token: session.token });
  } catch (err) {
    if (isRefusal(err, 400, 404)) return null;
    throw err;
  }
}

/** The saved address it goes to (null once the shopper deleted it: the order keeps its own copy for the rider). */
export async function addressOf(c: PageCtx, session: Session, order: OrderView) {
  const id = order.delivery.shippingAddressId;
  if (!id) return null;
  return callService(c, c.env.IDENTITY, `/v1/me/addresses/${id}`, AddressView, { token: session.token }).catch((err) =>
    isRefusal(err, 404) ? null : Promise.reject(err),
  );
}

/** Logistics' parcels: none until the order is confirmed and shipments exist (a 404 until then). */
async function parcelsOf(c: PageCtx, session: Session, order: OrderView) {
  if (order.status === 'pending' || order.status === 'awaiting_payment') return [];
  return callService(c, c.env.LOGISTICS, `/v1/orders/${order.id}/tracking`, OrderTracking, { token: session.token }).then(
    (tracking) => tracking.shipments,
    (err) => (isRefusal(err, 404) ? [] : Promise.reject(err)),
  );
}

async function showOrder(c: PageCtx, session: Session, id: string, error?: ServiceProblem) {
  const order = await readOrder(c, session, id);
  if (!order) return noSuchOrder(c);
  const [address, parcels, returnable] = await Promise.all([
    addressOf(c, session, order),
    parcelsOf(c, session, order),
    returnablePackages(c, order),
  ]);
  return sendPage(
    c,
    <OrderPage
      {...pageContext(c)}
      order={order}
      address={address}
      parcels={parcels}
      returnable={returnable}
      flash={takeFlash(c)}
      error={error?.message}
      sandboxPaymentId={isLocalDev(c.env) ? order.payment.id : null}
    />,
    error ? status(error) : 200,
    PRIVATE,
  );
}

async function confirmCancel(c: PageCtx, session: Session, id: string) {
  const order = await readOrder(c, session, id);
  if (!order) return noSuchOrder(c);
  return sendPage(c, <CancelOrderPage {...pageContext(c)} order={order} />, 200, PRIVATE);
}

async function cancelOrder(c: PageCtx, session: Session, id: string) {
  const orderId = OrderId.safeParse(id);
  if (!orderId.success) return noSuchOrder(c);
  try {
    await callService(c, c.env.ORDERS, `/v1/orders/${orderId.data}/cancel`, OrderView, { method: 'POST', token: session.token });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showOrder(c, session, orderId.data, err);
  }
  setFlash(c, 'cancelled');
  return seeOther(c, `/orders/${orderId.data}`);
}

async function approveSandboxPayment(c: PageCtx, session: Session, id: string) {
  const orderId = OrderId.safeParse(id);
  const paymentId = z
    .string()
    .regex(/^top_[0-9a-z]{4,40}$/)
    .safeParse((await form(c)).paymentId);
  if (!isLocalDev(c.env) || !orderId.success || !paymentId.success) return notFound(c, undefined, PRIVATE);
  try {
    await callService(c, c.env.PAYMENTS, `/v1/dev/payments/${paymentId.data}/approve`, DevActionView, {
      method: 'POST',
      token: session.token,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showOrder(c, session, orderId.data, err);
  }
  setFlash(c, 'approved');
  return seeOther(c, `/orders/${orderId.data}`);
}

async function listOrders(c: PageCtx, session: Session) {
  const cursor = c.req.query('cursor');
  const query = (withCursor: boolean) =>
    callService(
      c,
      c.env.ORDERS,
      `/v1/orders?limit=20${withCursor && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      OrderList,
      { token: session.token },
    );
  // An old or mangled "older orders" link starts again at the newest.
  const list = await query(true).catch((err) => (cursor && isRefusal(err, 400) ? query(false) : Promise.reject(err)));
  return sendPage(
    c,
    <OrdersPage {...pageContext(c)} orders={list.items} nextCursor={list.nextCursor} flash={takeFlash(c)} />,
    200,
    PRIVATE,
  );
}

const backToOrder = (c: PageCtx) => `/orders/${c.req.param('id')}`;

export const orderPages = new Hono<PagesEnv>()
  .get('/orders', signedIn(listOrders))
  .get(
    '/orders/:id',
    signedIn((c, session) => showOrder(c, session, c.req.param('id') ?? '')),
  )
  .get(
    '/orders/:id/cancel',
    signedIn((c, session) => confirmCancel(c, session, c.req.param('id') ?? '')),
  )
  .post(
    '/orders/:id/cancel',
    FORM_LIMIT,
    signedIn((c, s) => cancelOrder(c, s, c.req.param('id') ?? ''), backToOrder),
  )
  .post(
    '/orders/:id/approve',
    FORM_LIMIT,
    signedIn((c, s) => approveSandboxPayment(c, s, c.req.param('id') ?? ''), backToOrder),
  );
