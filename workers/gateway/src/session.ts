import { type Principal, verifyAccessToken } from '@linked-all/auth';
import { TokenPair } from '@linked-all/identity/contract';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { gatewayAuthConfig } from './jwks';
import { isTokenCurrent, noteTokenPair } from './middleware/token-version';
import { ACCESS_COOKIE, type PageCtx, pageI18nOf, REFRESH_COOKIE } from './page-response';
import { callService, isRefusal } from './service-client';

// The shopper's session on the pages lives in HttpOnly cookies (page scripts never see a
// token); SameSite=Lax keeps them off cross-site form posts, which is the pages' CSRF guard.
export { ACCESS_COOKIE, REFRESH_COOKIE };
/** The same cookie and `<cartId>.<cartToken>` format as the orders API's guest carts. */
export const CART_COOKIE = 'la_cart';
const FLASH_COOKIE = 'la_flash';

const REFRESH_SECONDS = 30 * 24 * 3600;
const GUEST_CART_SECONDS = 30 * 24 * 3600;

export type Session = { token: string; userId: string; role: Principal['role'] };

function cookieOptions(c: PageCtx, maxAge: number): CookieOptions {
  return { path: '/', maxAge, httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' };
}

export function startSession(c: PageCtx, pair: TokenPair) {
  // A reset or change made here ends older tokens in this isolate at once.
  noteTokenPair(pair);
  setCookie(c, ACCESS_COOKIE, pair.accessToken, cookieOptions(c, pair.expiresIn));
  setCookie(c, REFRESH_COOKIE, pair.refreshToken, cookieOptions(c, REFRESH_SECONDS));
}

export function endSession(c: PageCtx) {
  deleteCookie(c, ACCESS_COOKIE, { path: '/' });
  deleteCookie(c, REFRESH_COOKIE, { path: '/' });
}

// One answer per request: a refresh rotates the refresh token, so it must not run twice.
const sessions = new WeakMap<Request, Promise<Session | null>>();

/**
 * The signed-in shopper, or null. The access token is verified here with identity's keys (and
 * its version, so a password reset or change signs out every browser); an expired one is replaced from the refresh cookie (identity rotates it) without the shopper
 * noticing; a refresh identity refuses ends the session.
 */
export function readSession(c: PageCtx): Promise<Session | null> {
  let session = sessions.get(c.req.raw);
  if (!session) {
    session = resolveSession(c);
    sessions.set(c.req.raw, session);
  }
  return session;
}

async function resolveSession(c: PageCtx): Promise<Session | null> {
  const access = getCookie(c, ACCESS_COOKIE);
  if (access) {
    const principal = await verifyAccessToken(access, await gatewayAuthConfig(c.env)).catch(() => null);
    // A token from before a password reset or change is no session; the refresh below fails too.
    if (principal && (await isTokenCurrent(c.env, access, principal.userId)))
      return { token: access, userId: principal.userId, role: principal.role };
  }
  const refreshToken = getCookie(c, REFRESH_COOKIE);
  if (!refreshToken) return null;
  try {
    const pair = await callService(c, c.env.IDENTITY, '/v1/auth/refresh', TokenPair, { method: 'POST', json: { refreshToken } });
    const principal = await verifyAccessToken(pair.accessToken, await gatewayAuthConfig(c.env));
    startSession(c, pair);
    return { token: pair.accessToken, userId: principal.userId, role: principal.role };
  } catch (err) {
    if (!isRefusal(err)) throw err;
    endSession(c);
    return null;
  }
}

/** The refresh token, for signing out (identity revokes its whole family). */
export function readRefreshToken(c: PageCtx): string | undefined {
  return getCookie(c, REFRESH_COOKIE);
}

/** The guest cart this browser holds, if any. */
export function readGuestCart(c: PageCtx): { id: string; token: string } | null {
  const value = getCookie(c, CART_COOKIE);
  const dot = value?.indexOf('.') ?? -1;
  if (!value || dot < 1) return null;
  return { id: value.slice(0, dot), token: value.slice(dot + 1) };
}

export function keepGuestCart(c: PageCtx, id: string, token: string) {
  setCookie(c, CART_COOKIE, `${id}.${token}`, cookieOptions(c, GUEST_CART_SECONDS));
}

export function dropGuestCart(c: PageCtx) {
  deleteCookie(c, CART_COOKIE, { path: '/' });
}

// A flash is one of these codes, never free text, so a crafted cookie cannot put words on a page;
// its words are the catalogue's `shop.flash.<code>` in the page's language.
const FLASHES = [
  'added',
  'updated',
  'removed',
  'signed_out',
  'signed_in',
  'registered',
  'code_sent',
  'address_added',
  'address_deleted',
  'cancelled',
  'approved',
  'password_reset',
  'address_updated',
  'default_address',
  'reviewed',
] as const;
export type Flash = (typeof FLASHES)[number];
const isFlash = (code: string | undefined): code is Flash => (FLASHES as readonly (string | undefined)[]).includes(code);

/** A message for the next page only (the Post/Redirect/Get pattern has no other place for it). */
export function setFlash(c: PageCtx, flash: Flash) {
  setCookie(c, FLASH_COOKIE, flash, cookieOptions(c, 60));
}

/** The pending message, read once. */
export function takeFlash(c: PageCtx): string | undefined {
  const code = getCookie(c, FLASH_COOKIE);
  if (!code) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  return isFlash(code) ? pageI18nOf(c).t(`shop.flash.${code}`) : undefined;
}
