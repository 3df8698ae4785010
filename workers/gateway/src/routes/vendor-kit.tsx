import { can, VENDOR_PERMISSIONS, type VendorPermission, verifyAccessToken } from '@linked-all/auth';
import { AppError, IdempotencyKey, log, problemResponse } from '@linked-all/http';
import { type MessageKey, negotiateLocale, type Translate, translator } from '@linked-all/i18n';
import { MyVendorView, TokenPair } from '@linked-all/identity/contract';
import { type Shop, safeRedirect, type VendorContext, VendorErrorPage } from '@linked-all/web';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { gatewayAuthConfig } from '../jwks';
import { type PageCtx, sendPage } from '../page-response';
import { callService, isRefusal, ServiceProblem } from '../service-client';
import { ACCESS_COOKIE, readRefreshToken, readSession, startSession } from '../session';

// What every vendor screen's handler shares: the language, the vendor's session and shop,
// one-time messages, and answers that suit both a browser form post and the offline outbox.

export const PRIVATE = { private: true };
export const LANG_COOKIE = 'lang';
const FLASH_COOKIE = 'la_vflash';

export const localeOf = (c: PageCtx) =>
  negotiateLocale({ chosen: getCookie(c, LANG_COOKIE), acceptLanguage: c.req.header('accept-language') });

export const wordsOf = (c: PageCtx): Translate => translator(localeOf(c));

// A flash is one of these codes, never free text, so a crafted cookie cannot put words on a page.
const FLASHES = [
  'accepted',
  'rejected',
  'ready',
  'stock',
  'saved',
  'photo',
  'payout',
  'invited',
  'applied',
  'joined',
  'declined',
  'removed',
  'signed_out',
  'profile',
  'code_sent',
  'payout_phone',
] as const;
export type VendorFlash = (typeof FLASHES)[number];
const isFlash = (code: string | undefined): code is VendorFlash => FLASHES.some((f) => f === code);

export function setVendorFlash(c: PageCtx, flash: VendorFlash) {
  setCookie(c, FLASH_COOKIE, flash, { path: '/vendor', maxAge: 60, httpOnly: true, sameSite: 'Lax' });
}

/** The language, the path, and the pending one-time message (read once). */
export function vendorContext(c: PageCtx, error?: string): VendorContext {
  const url = new URL(c.req.url);
  const code = getCookie(c, FLASH_COOKIE);
  let flash: string | undefined;
  if (code) {
    deleteCookie(c, FLASH_COOKIE, { path: '/vendor' });
    if (isFlash(code)) flash = wordsOf(c)(`vendor.flash.${code}`);
  }
  return { locale: localeOf(c), path: url.pathname + url.search, flash, error };
}

export const fromOutbox = (c: PageCtx) => c.req.header('x-outbox') === '1';

/** After a successful POST: the next screen by GET (a reload does not post again), or `ok` to the outbox. */
export function done(c: PageCtx, to: string, flash?: VendorFlash) {
  c.header('cache-control', 'no-store');
  if (fromOutbox(c)) return c.json({ ok: true });
  if (flash) setVendorFlash(c, flash);
  return c.redirect(safeRedirect(to), 303);
}

/**
 * A refusal: the screen again with the reason (browser), or the reason as JSON to the outbox,
 * which shows it to the vendor as a conflict instead of dropping the change.
 */
export async function refuse(
  c: PageCtx,
  status: ContentfulStatusCode,
  message: string,
  again?: (error: string) => Promise<Child> | Child,
) {
  if (fromOutbox(c)) return c.json({ ok: false, message }, status);
  const page = again ? await again(message) : <VendorErrorPage {...vendorContext(c)} message={message} nav />;
  return sendPage(c, page, status, PRIVATE);
}

/**
 * A vendor screen that failed (a service down, or a fault of ours): the error screen in the vendor's
 * words with 503 or 500, never problem+json to a browser; the outbox gets its JSON with the same
 * status and keeps the change to send again. The full error is logged with the request id.
 */
export function vendorPageFailed(err: Error, c: PageCtx) {
  if (err instanceof AppError && err.status < 500) return refuse(c, err.status as ContentfulStatusCode, err.message);
  log('error', 'vendor page failed', {
    requestId: c.get('requestId'),
    path: c.req.path,
    error: { name: err.name, message: err.message, stack: err.stack },
  });
  const unavailable = err instanceof ServiceProblem && err.status === 503;
  return refuse(c, unavailable ? 503 : 500, wordsOf(c)(unavailable ? 'vendor.error.unavailable' : 'vendor.error.title'));
}

/** A service refusal in the vendor's words. */
export function problemText(t: Translate, err: ServiceProblem): string {
  if (err.status === 404) return t('vendor.error.not_found');
  if (err.status === 403) {
    // The shop guard of every vendor route words a closed shop so, and the permission guard
    // names the permission; anything else is an owner-only refusal.
    const closed = /^Vendor actions are closed: (.*)$/.exec(err.message);
    if (closed) return t('vendor.error.suspended', { reason: closed[1] ?? '' });
    const permission = /^This needs the (\w+) permission/.exec(err.message)?.[1];
    const known = VENDOR_PERMISSIONS.find((p) => p === permission);
    return known
      ? t('vendor.error.permission', { role: '—', permission: t(`vendor.permission.${known}`) })
      : t('vendor.error.owner_only');
  }
  if (err.status === 400 || err.status === 422) {
    const fields = Object.keys(err.fields);
    return fields.length ? `${t('vendor.error.check')} (${fields.join(', ')})` : t('vendor.error.check');
  }
  if (err.status >= 500) return t('vendor.error.unavailable');
  return err.message || t('vendor.error.check');
}

export async function form(c: PageCtx): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The form's own Idempotency-Key (drawn with the form), or a new one for a form without it. */
export function keyOf(fields: Record<string, string | File>): string {
  const key = IdempotencyKey.safeParse(fields.key);
  return key.success ? key.data : crypto.randomUUID();
}

export type Vendor = { token: string; userId: string; shop: Shop };

/** The shop this account owns or works for, or null. */
export async function myShop(c: PageCtx, token: string): Promise<Shop | null> {
  try {
    return await callService(c, c.env.IDENTITY, '/v1/vendors/me', MyVendorView, { token });
  } catch (err) {
    if (isRefusal(err, 404)) return null;
    throw err;
  }
}

/**
 * A fresh token pair now: identity writes the vendor into the token, so after applying,
 * approval or joining a shop, the old token does not yet say so. One refresh per request.
 */
export async function renewSession(c: PageCtx): Promise<string | null> {
  const refreshToken = readRefreshToken(c);
  if (!refreshToken) return null;
  try {
    const pair = await callService(c, c.env.IDENTITY, '/v1/auth/refresh', TokenPair, { method: 'POST', json: { refreshToken } });
    startSession(c, pair);
    return pair.accessToken;
  } catch (err) {
    if (isRefusal(err)) return null;
    throw err;
  }
}

type Gate = { kind: 'signed_out' } | { kind: 'onboarding'; token: string; shop: Shop | null } | { kind: 'open'; vendor: Vendor };

/** Where this browser stands: signed out, not (yet) a working shop, or a vendor of an approved shop. */
export async function gate(c: PageCtx): Promise<Gate> {
  const session = await readSession(c);
  if (!session) return { kind: 'signed_out' };
  const shop = await myShop(c, session.token);
  if (shop?.status !== 'approved') return { kind: 'onboarding', token: session.token, shop };
  let token = session.token;
  const principal = await verifyAccessToken(token, await gatewayAuthConfig(c.env)).catch(() => null);
  // The token names the shop and the staff role: after joining, or when the owner changed the
  // role, the old token says otherwise, and the services check the token.
  if (principal?.vendorId !== shop.id || principal.vendorRole !== shop.myRole) {
    const renewed = await renewSession(c);
    if (!renewed) return { kind: 'signed_out' };
    token = renewed;
  }
  return { kind: 'open', vendor: { token, userId: session.userId, shop } };
}

type Handler = (c: PageCtx, vendor: Vendor) => Promise<Response>;

/**
 * Runs a screen or action for a vendor of an approved shop whose staff role carries the
 * permission (null: any member); others sign in, see onboarding, or a refusal that names the permission. The
 * service behind the screen checks the same permission from the token (defence in depth).
 */
export function asVendor(permission: VendorPermission | null, handler: Handler) {
  return async (c: PageCtx) => {
    const where = await gate(c);
    if (where.kind === 'signed_out') {
      if (fromOutbox(c)) return c.json({ ok: false, message: wordsOf(c)('vendor.signin.title') }, 401);
      c.header('cache-control', 'no-store');
      return c.redirect('/vendor/signin', 303);
    }
    if (where.kind === 'onboarding') {
      c.header('cache-control', 'no-store');
      return c.redirect('/vendor', 303);
    }
    const { vendor } = where;
    // null: any member of the shop (a screen that only shows, like settings).
    if (permission && !can(vendor.shop.myRole, permission)) return refusePermission(c, vendor, permission);
    return orRefusal(c, () => handler(c, vendor));
  };
}

/** A staff member without the permission: a 403 screen (or outbox conflict) naming it and their role. */
export function refusePermission(c: PageCtx, vendor: Vendor, permission: VendorPermission) {
  const t = wordsOf(c);
  return refuse(
    c,
    403,
    t('vendor.error.permission', {
      role: t(`vendor.role.${vendor.shop.myRole}`),
      permission: t(`vendor.permission.${permission}`),
    }),
  );
}

/**
 * A service's refusal (a shop not open yet, a missing thing) is a screen that says so with its
 * status, never a 500: only services failing are errors.
 */
export async function orRefusal(c: PageCtx, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refuse(c, err.status as ContentfulStatusCode, problemText(wordsOf(c), err));
  }
}

export const say = (c: PageCtx, key: MessageKey, params?: Record<string, string | number>) => wordsOf(c)(key, params);

// The session's expiry for the app's scripts (not a secret: a time). Page and service worker read
// it to refresh ahead of expiry under one lock instead of letting two requests refresh at once.
const EXPIRY_COOKIE = 'la_vexp';

function expiryOf(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const exp: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    // Not a token we issued: no hint, the server refreshes as before.
    return null;
  }
}

/** After a vendor page or action: tells the scripts when the access token (new or current) expires. */
export function markSessionExpiry(c: PageCtx) {
  const type = c.res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html') && !type.startsWith('application/json')) return;
  const renewed = c.res.headers.getSetCookie().find((line) => line.startsWith(`${ACCESS_COOKIE}=`));
  const token = renewed ? renewed.slice(ACCESS_COOKIE.length + 1).split(';')[0] : getCookie(c, ACCESS_COOKIE);
  // Signed out (the access cookie cleared): no expiry to refresh ahead of.
  if (renewed && !token) return deleteCookie(c, EXPIRY_COOKIE, { path: '/' });
  const exp = token ? expiryOf(token) : null;
  if (exp) setCookie(c, EXPIRY_COOKIE, String(exp), { path: '/', maxAge: 30 * 24 * 3600, sameSite: 'Lax' });
}

/**
 * POST /vendor/session: the one refresh the scripts ask for (under their lock). 200 with the new
 * cookies, or 401 when the refresh token is gone or revoked (sign in again).
 */
export async function refreshVendorSession(c: PageCtx) {
  c.header('cache-control', 'no-store');
  const token = await renewSession(c);
  return token
    ? c.json({ ok: true })
    : problemResponse(c, new AppError('unauthenticated', 'The session has ended; sign in again'));
}
