import { guardedCall, log, traced } from '@linked-all/http';
import { AddressView } from '@linked-all/identity/contract';
import { OrderTracking } from '@linked-all/logistics/contract';
import { OrderId, OrderList, OrderView, VendorOrderId } from '@linked-all/orders/contract';
import { DevActionView } from '@linked-all/payments/contract';
import { CancelOrderPage, OrderPage, OrdersPage, type ReturnWindow, type ReviewState } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { notFound, type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage } from '../../page-response';
import { callService, isRefusal, type ServiceProblem } from '../../service-client';
import { DEADLINE_MS } from '../../service-deadlines';
import { type Session, setFlash, takeFlash } from '../../session';
import { FORM_LIMIT, form, PRIVATE, seeOther, signedIn, status } from './forms';

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

const deliveredOf = (order: OrderView) => order.vendorOrders.filter((v) => v.status === 'delivered').map((v) => v.id);

/**
 * Until when each delivered vendor order can be returned: payments keeps the window (it releases
 * the vendor's money when it closes). The order is the shopper's own (orders just answered it).
 * Without payments the page still shows the order, without the dates.
 */
async function returnWindowsOf(c: PageCtx, order: OrderView): Promise<ReturnWindow[]> {
  const now = Date.now();
  const windows = await Promise.all(
    deliveredOf(order).map((vendorOrderId) =>
      guardedCall('payments', { deadlineMs: DEADLINE_MS.read }, async () => {
        // Awaited here: the RPC stub's union of promises becomes one answer type.
        const answer = await traced(c.env.PAYMENTS).returnWindow({ vendorOrderId });
        return answer.ok && 'windowEndsAt' in answer
          ? [{ vendorOrderId, endsAt: answer.windowEndsAt, open: now < Date.parse(answer.windowEndsAt) }]
          : [];
      }).catch((): ReturnWindow[] => []),
    ),
  );
  return windows.flat();
}

/** Each delivered line's product, reviewed or not yet (catalog keeps the reviews); none while catalog is away. */
async function reviewStatesOf(c: PageCtx, session: Session, order: OrderView): Promise<ReviewState[]> {
  const delivered = order.vendorOrders.filter((v) => v.status === 'delivered');
  if (delivered.length === 0) return [];
  const reviewed = await guardedCall('catalog', { deadlineMs: DEADLINE_MS.read }, () =>
    traced(c.env.CATALOG).reviewedPurchases(session.userId, deliveredOf(order)),
  ).catch((err: unknown) => {
    log('warn', 'review states unknown: catalog unavailable', { orderId: order.id, error: String(err) });
    return null;
  });
  if (!reviewed) return [];
  const done = new Set(reviewed.map((r) => `${r.vendorOrderId}/${r.productId}`));
  return delivered.flatMap((v) =>
    [...new Set(v.lines.map((l) => l.productId))].map((productId) => ({
      vendorOrderId: v.id,
      productId,
      reviewed: done.has(`${v.id}/${productId}`),
    })),
  );
}

/** A refusal shown on the order page, with the status the page answers. */
type PageError = { message: string; status: ContentfulStatusCode };
const refusal = (err: ServiceProblem): PageError => ({ message: err.message, status: status(err) });

async function showOrder(c: PageCtx, session: Session, id: string, error?: PageError) {
  const order = await readOrder(c, session, id);
  if (!order) return noSuchOrder(c);
  const [address, parcels, returnWindows, reviews] = await Promise.all([
    addressOf(c, session, order),
    parcelsOf(c, session, order),
    returnWindowsOf(c, order),
    reviewStatesOf(c, session, order),
  ]);
  return sendPage(
    c,
    <OrderPage
      {...pageContext(c)}
      order={order}
      address={address}
      parcels={parcels}
      returnWindows={returnWindows}
      reviews={reviews}
      flash={takeFlash(c)}
      error={error?.message}
      sandboxPaymentId={isLocalDev(c.env) ? order.payment.id : null}
    />,
    error?.status ?? 200,
    PRIVATE,
  );
}

const ReviewForm = z.object({
  vendorOrderId: VendorOrderId,
  productId: z.string().regex(/^prd_[0-9a-z]{4,40}$/),
  rating: z.coerce.number().int().min(1).max(5),
  body: z.string().trim().min(3).max(2000),
});

/**
 * A review of a delivered item, from the order page's form, posted to the catalog's reviews API
 * (which checks the purchase: 403 until delivered, 409 for a second review of it). Its refusals
 * come back as the order page with the reason in words.
 */
async function postReview(c: PageCtx, session: Session, id: string) {
  const { t } = pageI18nOf(c);
  const orderId = OrderId.safeParse(id);
  if (!orderId.success) return noSuchOrder(c);
  const parsed = ReviewForm.safeParse(await form(c));
  if (!parsed.success) return showOrder(c, session, orderId.data, { message: t('shop.review.check_form'), status: 400 });
  const { productId, ...review } = parsed.data;
  try {
    await callService(c, c.env.CATALOG, `/v1/products/${productId}/reviews`, z.object({ id: z.string() }), {
      method: 'POST',
      token: session.token,
      json: review,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    const words: Record<number, string> = {
      400: t('shop.review.check_form'),
      403: t('shop.review.not_delivered'),
      409: t('shop.review.already'),
    };
    const message = words[err.status];
    return showOrder(c, session, orderId.data, message ? { message, status: status(err) } : refusal(err));
  }
  setFlash(c, 'reviewed');
  return seeOther(c, `/orders/${orderId.data}`);
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
    return showOrder(c, session, orderId.data, refusal(err));
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
    return showOrder(c, session, orderId.data, refusal(err));
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
    '/orders/:id/reviews',
    FORM_LIMIT,
    signedIn((c, s) => postReview(c, s, c.req.param('id') ?? ''), backToOrder),
  )
  .post(
    '/orders/:id/approve',
    FORM_LIMIT,
    signedIn((c, s) => approveSandboxPayment(c, s, c.req.param('id') ?? ''), backToOrder),
  );
