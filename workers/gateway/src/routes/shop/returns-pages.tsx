import { IdempotencyKey, traced } from '@linked-all/http';
import { OrderTracking, PickupStationView } from '@linked-all/logistics/contract';
import {
  OrderId,
  type OrderView,
  RETURN_REASONS,
  ReturnId,
  ReturnList,
  ReturnView,
  VendorOrderId,
} from '@linked-all/orders/contract';
import {
  type DropOffStation,
  type ReturnableLine,
  ReturnClosedPage,
  type ReturnFieldErrors,
  ReturnRequestPage,
  ReturnStatusPage,
  type ReturnTyped,
} from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, notFound, type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage } from '../../page-response';
import { callService, isRefusal, type ServiceProblem } from '../../service-client';
import type { Session } from '../../session';
import { form, PRIVATE, seeOther, signedIn } from './forms';
import { addressOf, readOrder } from './order-pages';

// The shopper's returns (issue 11, item 8): ask to send units of a delivered package back, then
// follow the return's steps. Orders owns the rules (window, units left, station check); these
// pages ask the same questions first only to offer a form that can succeed, and show any refusal
// orders still gives in the shopper's words.

// The form may carry one photo (the catalog takes up to 5 MB); a bigger body is the 413 page.
const RETURN_FORM_LIMIT = formLimit(10 * 1024 * 1024);
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const ReviewPhoto = z.object({ key: z.string(), url: z.string() });

/** The form's optional photo: absent, a file the catalog can take, or a type/size it cannot. */
async function photoOf(c: PageCtx): Promise<File | null | 'bad'> {
  const photo = (await c.req.parseBody()).photo;
  if (!(photo instanceof File) || photo.size === 0) return null;
  return PHOTO_TYPES.includes(photo.type) && photo.size <= PHOTO_MAX_BYTES ? photo : 'bad';
}

/**
 * Stores the photo through the catalog's review-photo pipeline (R2, every width, under the
 * shopper's own prefix), whose key the return then names; null when the catalog refuses it.
 * callService sends JSON only: the image goes over the same Service Binding by hand.
 */
async function uploadPhoto(c: PageCtx, session: Session, photo: File): Promise<string | null> {
  const response = await c.env.CATALOG.fetch(
    new Request('https://service.internal/v1/reviews/images', {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${session.token}`,
        'content-type': photo.type,
        'x-request-id': c.get('requestId'),
        traceparent: c.get('traceparent'),
      },
      body: await photo.arrayBuffer(),
    }),
  );
  if (response.status >= 500) throw new Error(`catalog answered ${response.status} to a return photo`);
  const stored = ReviewPhoto.safeParse(await response.json().catch(() => null));
  return response.ok && stored.success ? stored.data.key : null;
}

const noSuchOrder = (c: PageCtx) => notFound(c, pageI18nOf(c).t('shop.error.no_order'), PRIVATE);

type Package = OrderView['vendorOrders'][number];
type Context = { order: OrderView; pkg: Package; returns: ReturnView[] };
type Closed = { kind: 'window'; windowEndsAt: string } | { kind: 'all_returned' } | { kind: 'not_delivered' };

/** The order, the package and its returns — or null for anything not this shopper's (a 404 page). */
async function packageOf(c: PageCtx, session: Session, id: string, vendorOrder: unknown): Promise<Context | null> {
  const vendorOrderId = VendorOrderId.safeParse(vendorOrder);
  if (!vendorOrderId.success) return null;
  const order = await readOrder(c, session, id);
  const pkg = order?.vendorOrders.find((v) => v.id === vendorOrderId.data);
  if (!order || !pkg) return null;
  const list = await callService(c, c.env.ORDERS, `/v1/orders/${order.id}/returns`, ReturnList, { token: session.token });
  return { order, pkg, returns: list.items.filter((r) => r.vendorOrderId === pkg.id) };
}

/** Units of each line not yet in a return that still counts (a refused one gives its units back). */
function linesLeft(ctx: Context): ReturnableLine[] {
  return ctx.pkg.lines.map((l) => {
    const asked = ctx.returns
      .filter((r) => r.status !== 'refused')
      .flatMap((r) => r.lines)
      .filter((rl) => rl.skuId === l.skuId)
      .reduce((sum, rl) => sum + rl.quantity, 0);
    return { skuId: l.skuId, title: l.title, options: l.options, left: Math.max(0, l.quantity - asked) };
  });
}

/** Payments' return window of the package, or why it cannot go back at all. */
async function windowOf(c: PageCtx, ctx: Context): Promise<{ windowEndsAt: string } | Closed> {
  if (ctx.pkg.status !== 'delivered') return { kind: 'not_delivered' };
  const window = await traced(c.env.PAYMENTS).returnWindow({ vendorOrderId: ctx.pkg.id });
  if (!window.ok || !('windowEndsAt' in window)) return { kind: 'not_delivered' };
  if (Date.now() >= Date.parse(window.windowEndsAt)) return { kind: 'window', windowEndsAt: window.windowEndsAt };
  if (linesLeft(ctx).every((l) => l.left === 0)) return { kind: 'all_returned' };
  return { windowEndsAt: window.windowEndsAt };
}

const earlierOf = (ctx: Context) => ctx.returns.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt }));

function showClosed(c: PageCtx, ctx: Context, why: Closed) {
  return sendPage(
    c,
    <ReturnClosedPage {...pageContext(c)} orderId={ctx.order.id} why={why} earlier={earlierOf(ctx)} />,
    409,
    PRIVATE,
  );
}

const StationList = z.object({ items: z.array(PickupStationView) });

/** Open stations near where the package went (its city, else its country) for a drop-off. */
async function stationsFor(c: PageCtx, session: Session, order: OrderView): Promise<DropOffStation[]> {
  let place: { country: string; city: string } | null = null;
  if (order.delivery.pickupStationId) {
    const answer = await traced(c.env.LOGISTICS).station(order.delivery.pickupStationId);
    if (answer.ok) place = answer.station;
  } else {
    place = await addressOf(c, session, order);
  }
  if (!place) return [];
  const list = (query: string) =>
    callService(c, c.env.LOGISTICS, `/v1/pickup-stations?${query}&limit=20`, StationList).then((l) =>
      l.items.filter((s) => s.active),
    );
  const country = `country=${encodeURIComponent(place.country)}`;
  const inCity = await list(`${country}&city=${encodeURIComponent(place.city)}`);
  return (inCity.length ? inCity : await list(country)).map(({ id, name, landmark, city }) => ({ id, name, landmark, city }));
}

type FormState = { typed?: ReturnTyped; errors?: ReturnFieldErrors; message?: string; key?: string };

async function showForm(
  c: PageCtx,
  session: Session,
  ctx: Context,
  windowEndsAt: string,
  state: FormState = {},
  code: ContentfulStatusCode = 200,
) {
  return sendPage(
    c,
    <ReturnRequestPage
      {...pageContext(c)}
      orderId={ctx.order.id}
      vendorOrderId={ctx.pkg.id}
      vendorName={ctx.pkg.vendorName}
      windowEndsAt={windowEndsAt}
      lines={linesLeft(ctx)}
      canCollect={ctx.order.delivery.shippingAddressId !== null}
      stations={await stationsFor(c, session, ctx.order)}
      earlier={earlierOf(ctx)}
      formKey={state.key ?? crypto.randomUUID()}
      typed={state.typed}
      errors={state.errors}
      message={state.message}
    />,
    code,
    PRIVATE,
  );
}

async function newReturn(c: PageCtx, session: Session) {
  const ctx = await packageOf(c, session, c.req.param('id') ?? '', c.req.query('vendorOrder'));
  if (!ctx) return noSuchOrder(c);
  const window = await windowOf(c, ctx);
  if ('kind' in window) return showClosed(c, ctx, window);
  return showForm(c, session, ctx, window.windowEndsAt);
}

/** The form's fields as the shopper typed them (quantities keyed by SKU). */
function typedOf(body: Record<string, string>, lines: ReturnableLine[]): ReturnTyped {
  return {
    quantities: Object.fromEntries(lines.map((l) => [l.skuId, body[`qty_${l.skuId}`] ?? '0'])),
    reason: body.reason,
    note: body.note,
    method: body.method,
    pickupStationId: body.pickupStationId,
  };
}

const Count = z.coerce.number().int().min(0);

/** Checks the form before orders does, so each field gets its own message; null when it is fine. */
function fieldErrors(c: PageCtx, typed: ReturnTyped, lines: ReturnableLine[], canCollect: boolean): ReturnFieldErrors | null {
  const { t } = pageI18nOf(c);
  const errors: ReturnFieldErrors = {};
  const quantities: Record<string, string> = {};
  let chosen = 0;
  for (const line of lines) {
    const count = Count.safeParse(typed.quantities[line.skuId] || '0');
    if (!count.success || count.data > line.left) quantities[line.skuId] = t('returns.error.too_many', { max: line.left });
    else chosen += count.data;
  }
  if (Object.keys(quantities).length) errors.quantities = quantities;
  else if (chosen === 0) errors.lines = t('returns.error.items');
  if (!z.enum(RETURN_REASONS).safeParse(typed.reason).success) errors.reason = t('returns.error.reason');
  if (typed.method !== 'station' && !(typed.method === 'home' && canCollect)) errors.method = t('returns.error.method');
  if (typed.method === 'station' && !typed.pickupStationId) errors.pickupStationId = t('returns.error.station');
  if ((typed.note ?? '').length > 1000) errors.note = t('returns.error.check');
  return Object.keys(errors).length ? errors : null;
}

/** Orders' field paths (`lines.0.quantity`, `pickupStationId` …) on the form's fields. */
function serviceFieldErrors(err: ServiceProblem, asked: { skuId: string }[]): ReturnFieldErrors {
  const errors: ReturnFieldErrors = {};
  for (const [path, message] of Object.entries(err.fields)) {
    const line = /^lines\.(\d+)/.exec(path);
    const skuId = line ? asked[Number(line[1])]?.skuId : undefined;
    if (skuId) errors.quantities = { ...errors.quantities, [skuId]: message };
    else if (path === 'pickupStationId' || path === 'method' || path === 'reason' || path === 'note') errors[path] = message;
    else if (path.startsWith('photos')) errors.photo = message;
    else errors.lines = message;
  }
  return errors;
}

async function askReturn(c: PageCtx, session: Session) {
  const body = await form(c);
  const ctx = await packageOf(c, session, c.req.param('id') ?? '', body.vendorOrderId);
  if (!ctx) return noSuchOrder(c);
  const window = await windowOf(c, ctx);
  if ('kind' in window) return showClosed(c, ctx, window);
  const { t } = pageI18nOf(c);
  const lines = linesLeft(ctx);
  const typed = typedOf(body, lines);
  const key = IdempotencyKey.safeParse(body.key).success ? body.key : crypto.randomUUID();
  const canCollect = ctx.order.delivery.shippingAddressId !== null;
  const photo = await photoOf(c);
  const errors = fieldErrors(c, typed, lines, canCollect);
  const again = (state: FormState, code: ContentfulStatusCode) =>
    showForm(c, session, ctx, window.windowEndsAt, { typed, key, ...state }, code);
  if (errors || photo === 'bad') {
    const photoError = photo === 'bad' ? { photo: t('returns.error.photo') } : {};
    return again({ errors: { ...errors, ...photoError }, message: t('returns.error.check') }, 400);
  }
  const photoKey = photo ? await uploadPhoto(c, session, photo) : null;
  if (photo && !photoKey) return again({ errors: { photo: t('returns.error.photo') }, message: t('returns.error.check') }, 400);
  const asked = lines
    .map((l) => ({ skuId: l.skuId, quantity: Number(typed.quantities[l.skuId] || 0) }))
    .filter((l) => l.quantity > 0);
  const method = typed.method === 'home' ? 'home' : 'station';
  let created: ReturnView;
  try {
    created = await callService(c, c.env.ORDERS, `/v1/orders/${ctx.order.id}/returns`, ReturnView, {
      method: 'POST',
      token: session.token,
      headers: { 'idempotency-key': key },
      json: {
        vendorOrderId: ctx.pkg.id,
        lines: asked,
        reason: typed.reason,
        note: typed.note ?? '',
        photos: photoKey ? [photoKey] : [],
        method,
        ...(method === 'station' ? { pickupStationId: typed.pickupStationId } : {}),
      },
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (err.status === 404) return noSuchOrder(c);
    if (err.code === 'idempotency_conflict') {
      // This very form was sent before (a double tap): each send uploaded its own copy of the photo,
      // so orders saw another body under the same key. The first send's return is the newest.
      const latest = (await packageOf(c, session, ctx.order.id, ctx.pkg.id))?.returns.at(-1);
      if (latest) return seeOther(c, `/orders/${ctx.order.id}/returns/${latest.id}?sent=1`);
    }
    if (err.extra.reason === 'return_window_closed' && typeof err.extra.windowEndsAt === 'string') {
      return showClosed(c, ctx, { kind: 'window', windowEndsAt: err.extra.windowEndsAt });
    }
    // Another tab asked for the same units meanwhile: the form again, with what is left now.
    const fresh = err.extra.reason === 'already_returned' ? await packageOf(c, session, ctx.order.id, ctx.pkg.id) : null;
    if (fresh) {
      return showForm(
        c,
        session,
        fresh,
        window.windowEndsAt,
        { typed, message: err.message },
        err.status as ContentfulStatusCode,
      );
    }
    const fields = serviceFieldErrors(err, asked);
    return again(
      { errors: fields, message: Object.keys(err.fields).length ? t('returns.error.check') : err.message },
      err.status as ContentfulStatusCode,
    );
  }
  return seeOther(c, `/orders/${ctx.order.id}/returns/${created.id}?sent=1`);
}

async function showReturn(c: PageCtx, session: Session) {
  const orderId = OrderId.safeParse(c.req.param('id'));
  const returnId = ReturnId.safeParse(c.req.param('returnId'));
  if (!orderId.success || !returnId.success) return noSuchOrder(c);
  const list = await callService(c, c.env.ORDERS, `/v1/orders/${orderId.data}/returns`, ReturnList, {
    token: session.token,
  }).catch((err) => (isRefusal(err, 404) ? null : Promise.reject(err)));
  const ret = list?.items.find((r) => r.id === returnId.data);
  if (!ret) return noSuchOrder(c);
  // The return's parcel exists once the shop accepted and logistics booked it.
  const tracking = await callService(c, c.env.LOGISTICS, `/v1/orders/${ret.orderId}/tracking`, OrderTracking, {
    token: session.token,
  }).catch((err) => (isRefusal(err, 404) ? null : Promise.reject(err)));
  const parcel = tracking?.shipments.find((s) => s.kind === 'return' && s.returnId === ret.id) ?? null;
  let station = parcel?.station ?? null;
  if (!station && ret.pickupStationId) {
    const answer = await traced(c.env.LOGISTICS).station(ret.pickupStationId);
    station = answer.ok ? answer.station : null;
  }
  return sendPage(
    c,
    <ReturnStatusPage {...pageContext(c)} ret={ret} station={station} parcel={parcel} sent={c.req.query('sent') === '1'} />,
    200,
    PRIVATE,
  );
}

const backToOrder = (c: PageCtx) => `/orders/${c.req.param('id')}`;

export const returnPages = new Hono<PagesEnv>()
  .get('/orders/:id/returns/new', signedIn(newReturn))
  .post('/orders/:id/returns', RETURN_FORM_LIMIT, signedIn(askReturn, backToOrder))
  .get('/orders/:id/returns/:returnId', signedIn(showReturn));
