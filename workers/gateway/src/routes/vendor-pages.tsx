import { can } from '@linked-all/auth';
import { log } from '@linked-all/http';
import { isLocale } from '@linked-all/i18n';
import { ApplyVendorBody, StaffInvitationView, TokenPair, VendorView } from '@linked-all/identity/contract';
import { VENDOR_ORDER_STATUSES, VendorOrderDetail, VendorOrderId, VendorOrderView } from '@linked-all/orders/contract';
import {
  currencyOf,
  OnboardingPage,
  TodayPage,
  VendorErrorPage,
  VendorOrderPage,
  VendorOrdersPage,
  VendorSignInPage,
} from '@linked-all/web';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { formLimit, type PageCtx, type PagesEnv, sendPage } from '../page-response';
import { callService, isRefusal, NoContent } from '../service-client';
import { endSession, readRefreshToken, readSession, startSession } from '../session';
import { vendorAssetRoutes } from './vendor-assets';
import { lowStock, vendorCatalogRoutes } from './vendor-catalog';
import {
  asVendor,
  done,
  form,
  gate,
  keyOf,
  LANG_COOKIE,
  markSessionExpiry,
  orRefusal,
  PRIVATE,
  problemText,
  refreshVendorSession,
  refuse,
  renewSession,
  type Vendor,
  vendorContext,
  vendorPageFailed,
  wordsOf,
} from './vendor-kit';
import { currentWeek, thisWeek, vendorMoneyRoutes } from './vendor-money';
import { vendorReturnRoutes } from './vendor-returns';

// The vendor app under /vendor: server-rendered screens that work with JavaScript off; the
// script and service worker (vendor-assets) add the offline outbox on top of the same forms.

const FORM_LIMIT = formLimit(8 * 1024);
const VendorOrderList = z.object({ items: z.array(VendorOrderView), nextCursor: z.string().nullable() });
const ListQuery = z.object({ status: z.enum(VENDOR_ORDER_STATUSES).optional(), cursor: z.string().max(400).optional() });

// ---- Sign in, out, language ----

const SignInForm = z.object({ identifier: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });

async function signIn(c: PageCtx) {
  const body = await form(c);
  const t = wordsOf(c);
  const again = (error: string, code: ContentfulStatusCode) =>
    sendPage(c, <VendorSignInPage {...vendorContext(c, error)} identifier={body.identifier} />, code, PRIVATE);
  const fields = SignInForm.safeParse(body);
  if (!fields.success) return again(t('vendor.signin.incomplete'), 400);
  const { identifier, password } = fields.data;
  // A phone is typed with spaces and dashes; identity wants it in E.164.
  const login = identifier.includes('@')
    ? { email: identifier, password }
    : { phone: identifier.replace(/[\s()-]/g, ''), password };
  try {
    startSession(c, await callService(c, c.env.IDENTITY, '/v1/auth/login', TokenPair, { method: 'POST', json: login }));
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return again(
      err.status === 401 || err.status === 400 ? t('vendor.signin.failed') : problemText(t, err),
      err.status === 400 ? 400 : 401,
    );
  }
  return done(c, '/vendor');
}

async function signOut(c: PageCtx) {
  // Signing out always clears this browser, even if identity cannot be reached to revoke.
  const session = await readSession(c).catch(() => null);
  const refreshToken = readRefreshToken(c);
  if (refreshToken) {
    await callService(c, c.env.IDENTITY, '/v1/auth/logout', NoContent, {
      method: 'POST',
      token: session?.token,
      json: { refreshToken },
    }).catch((err) => log('warn', 'logout not recorded', { requestId: c.get('requestId'), error: String(err) }));
  }
  endSession(c);
  return done(c, '/vendor/signin', 'signed_out');
}

async function chooseLanguage(c: PageCtx) {
  const body = await form(c);
  if (isLocale(body.lang)) {
    setCookie(c, LANG_COOKIE, body.lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax' });
  }
  return done(c, body.back?.startsWith('/vendor') ? body.back : '/vendor');
}

// ---- Onboarding ----

async function showOnboarding(
  c: PageCtx,
  token: string,
  shop: Awaited<ReturnType<typeof gate>>,
  error?: string,
  code: ContentfulStatusCode = 200,
  typed: Record<string, string> = {},
) {
  const invitations = await callService(c, c.env.IDENTITY, '/v1/me/staff-invitations', z.array(StaffInvitationView), { token });
  return sendPage(
    c,
    <OnboardingPage
      {...vendorContext(c, error)}
      shop={shop.kind === 'onboarding' ? shop.shop : null}
      invitations={invitations}
      form={typed}
    />,
    code,
    PRIVATE,
  );
}

async function apply(c: PageCtx) {
  const where = await gate(c);
  if (where.kind !== 'onboarding' || where.shop) return done(c, where.kind === 'signed_out' ? '/vendor/signin' : '/vendor');
  const body = await form(c);
  const payoutPhone = (body.payoutPhone ?? '').replace(/[\s()-]/g, '');
  const application = ApplyVendorBody.safeParse({
    businessName: body.businessName,
    country: body.country,
    currency: currencyOf(body.country ?? ''),
    payoutPhone,
  });
  const t = wordsOf(c);
  if (!application.success) return showOnboarding(c, where.token, where, t('vendor.error.check'), 400, body);
  try {
    await callService(c, c.env.IDENTITY, '/v1/vendors', VendorView, {
      method: 'POST',
      token: where.token,
      json: application.data,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showOnboarding(c, where.token, where, problemText(t, err), err.status as ContentfulStatusCode, body);
  }
  await renewSession(c);
  return done(c, '/vendor', 'applied');
}

async function answerInvitation(c: PageCtx, answer: 'accept' | 'decline') {
  const session = await readSession(c);
  if (!session) return done(c, '/vendor/signin');
  const id = z
    .string()
    .regex(/^inv_[0-9a-z]{4,40}$/)
    .safeParse(c.req.param('id'));
  const t = wordsOf(c);
  if (!id.success) return refuse(c, 404, t('vendor.error.not_found'));
  try {
    await callService(c, c.env.IDENTITY, `/v1/me/staff-invitations/${id.data}/${answer}`, NoContent, {
      method: 'POST',
      token: session.token,
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(t, err));
  }
  // Joining changes what the token says (the shop it may act for).
  if (answer === 'accept') await renewSession(c);
  return done(c, '/vendor', answer === 'accept' ? 'joined' : 'declined');
}

// ---- Today ----

/** Today shows each part only to a role with its permission (the services would refuse the rest). */
async function today(c: PageCtx, vendor: Vendor) {
  const role = vendor.shop.myRole;
  const orders = (status: 'pending' | 'accepted') =>
    can(role, 'orders')
      ? callService(c, c.env.ORDERS, `/v1/vendor/orders?status=${status}&limit=10`, VendorOrderList, { token: vendor.token })
      : null;
  const [toAccept, toPack, low, week] = await Promise.all([
    orders('pending'),
    orders('accepted'),
    // Low stock comes from the catalog, which learns of a newly approved shop a moment later.
    can(role, 'catalog')
      ? lowStock(c, vendor).catch((err) => {
          if (!isRefusal(err)) throw err;
          return [];
        })
      : null,
    // Earnings are a nice-to-have on this screen: payments being down must not hide the orders.
    can(role, 'finance')
      ? thisWeek(c, vendor, currentWeek()).catch((err) => {
          log('warn', 'week statement unavailable', { requestId: c.get('requestId'), error: String(err) });
          return null;
        })
      : null,
  ]);
  return sendPage(
    c,
    <TodayPage
      {...vendorContext(c)}
      shopName={vendor.shop.businessName}
      toAccept={toAccept?.items ?? null}
      toPack={toPack?.items ?? null}
      lowStock={low}
      week={week}
      showEarnings={can(role, 'finance')}
    />,
    200,
    PRIVATE,
  );
}

// ---- Orders ----

async function listOrders(c: PageCtx, vendor: Vendor) {
  const query = ListQuery.safeParse(c.req.query());
  const { status, cursor } = query.success ? query.data : {};
  const params = new URLSearchParams({ limit: '20' });
  if (status) params.set('status', status);
  if (cursor) params.set('cursor', cursor);
  const list = await callService(c, c.env.ORDERS, `/v1/vendor/orders?${params}`, VendorOrderList, { token: vendor.token }).catch(
    // A mangled "older" link starts again at the newest.
    (err) => (cursor && isRefusal(err, 400) ? { items: [], nextCursor: null } : Promise.reject(err)),
  );
  return sendPage(
    c,
    <VendorOrdersPage {...vendorContext(c)} orders={list.items} status={status} nextCursor={list.nextCursor} />,
    200,
    PRIVATE,
  );
}

async function loadOrder(c: PageCtx, vendor: Vendor) {
  const id = VendorOrderId.safeParse(c.req.param('id'));
  if (!id.success) return null;
  try {
    return await callService(c, c.env.ORDERS, `/v1/vendor/orders/${id.data}`, VendorOrderDetail, { token: vendor.token });
  } catch (err) {
    // Another vendor's order is a 404 like a missing one: nothing tells that it exists.
    if (isRefusal(err, 400, 403, 404)) return null;
    throw err;
  }
}

async function showOrder(c: PageCtx, vendor: Vendor, error?: string, code: ContentfulStatusCode = 200) {
  const order = await loadOrder(c, vendor);
  if (!order)
    return sendPage(
      c,
      <VendorErrorPage {...vendorContext(c)} message={wordsOf(c)('vendor.error.not_found')} nav />,
      404,
      PRIVATE,
    );
  return sendPage(
    c,
    <VendorOrderPage {...vendorContext(c, error)} order={order} slip={c.req.query('print') === '1'} />,
    code,
    PRIVATE,
  );
}

const RejectForm = z.object({ reason: z.string().trim().min(3).max(200) });

/** Accept, reject (with a reason) or mark ready, once per form (its Idempotency-Key). */
function moveOrder(verb: 'accept' | 'reject' | 'ready') {
  return async (c: PageCtx, vendor: Vendor) => {
    const t = wordsOf(c);
    const id = VendorOrderId.safeParse(c.req.param('id'));
    if (!id.success) return refuse(c, 404, t('vendor.error.not_found'));
    const body = await form(c);
    let json: unknown;
    if (verb === 'reject') {
      const reason = RejectForm.safeParse(body);
      if (!reason.success) return refuse(c, 400, t('vendor.error.check'), (e) => showOrderPage(c, vendor, e));
      json = reason.data;
    }
    try {
      await callService(c, c.env.ORDERS, `/v1/vendor/orders/${id.data}/${verb}`, VendorOrderView, {
        method: 'POST',
        token: vendor.token,
        headers: { 'idempotency-key': keyOf(body) },
        json,
      });
    } catch (err) {
      if (!isRefusal(err)) throw err;
      let message = problemText(t, err);
      if (err.status === 409) {
        // Someone moved it first (the shopper cancelled, an earlier tap): say where it is now.
        const now = await loadOrder(c, vendor);
        if (now) message = t('vendor.error.moved', { status: t(`vendor.ostatus.${now.status}`) });
      }
      return refuse(c, err.status as ContentfulStatusCode, message, (e) => showOrderPage(c, vendor, e));
    }
    return done(c, `/vendor/orders/${id.data}`, verb === 'accept' ? 'accepted' : verb === 'reject' ? 'rejected' : 'ready');
  };
}

async function showOrderPage(c: PageCtx, vendor: Vendor, error: string) {
  const order = await loadOrder(c, vendor);
  return order ? (
    <VendorOrderPage {...vendorContext(c, error)} order={order} />
  ) : (
    <VendorErrorPage {...vendorContext(c)} message={error} nav />
  );
}

export const vendorPageRoutes = new Hono<PagesEnv>()
  .use(async (c, next) => {
    // Form posts from another site are refused outright (the cookies are SameSite=Lax as well).
    if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site') {
      return refuse(c, 403, wordsOf(c)('vendor.error.check'));
    }
    await next();
    markSessionExpiry(c);
  })
  .route('/', vendorAssetRoutes)
  .get('/signin', async (c) => {
    if (await readSession(c)) return done(c, '/vendor');
    return sendPage(c, <VendorSignInPage {...vendorContext(c)} />, 200, PRIVATE);
  })
  .post('/signin', FORM_LIMIT, signIn)
  .post('/signout', FORM_LIMIT, signOut)
  // No form limit: the route reads no body, and its callers are scripts (problem+json, not a page).
  .post('/session', refreshVendorSession)
  .post('/language', FORM_LIMIT, chooseLanguage)
  .get('/', async (c) => {
    const where = await gate(c);
    if (where.kind === 'signed_out') return done(c, '/vendor/signin');
    if (where.kind === 'onboarding') return showOnboarding(c, where.token, where);
    return orRefusal(c, () => today(c, where.vendor));
  })
  .post('/apply', FORM_LIMIT, apply)
  .post('/invitations/:id/accept', FORM_LIMIT, (c) => answerInvitation(c, 'accept'))
  .post('/invitations/:id/decline', FORM_LIMIT, (c) => answerInvitation(c, 'decline'))
  .get('/orders', asVendor('orders', listOrders))
  .get(
    '/orders/:id',
    asVendor('orders', (c, v) => showOrder(c, v)),
  )
  .post('/orders/:id/accept', FORM_LIMIT, asVendor('orders', moveOrder('accept')))
  .post('/orders/:id/reject', FORM_LIMIT, asVendor('orders', moveOrder('reject')))
  .post('/orders/:id/ready', FORM_LIMIT, asVendor('orders', moveOrder('ready')))
  .route('/', vendorCatalogRoutes)
  .route('/', vendorMoneyRoutes)
  .route('/', vendorReturnRoutes)
  .onError(vendorPageFailed);
