import { AppError, log } from '@linked-all/http';
import { type Translate, translator } from '@linked-all/i18n';
import { AdminLayout, safeRedirect } from '@linked-all/web';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { formLimit, type PageCtx, sendPage } from '../../page-response';
import { isRefusal, ServiceProblem } from '../../service-client';
import { adminContext } from './guard';

// What every console screen's handler shares: words, one-time messages, the Post/Redirect/Get
// answer to a form and the refusal that shows the screen again with the reason.

export const ADMIN_FORM_LIMIT = formLimit(16 * 1024);
const FLASH_COOKIE = 'la_aflash';

// A flash is one of these codes, never free text, so a crafted cookie cannot put words on a page.
const FLASHES = [
  'approved',
  'suspended',
  'closed',
  'hidden',
  'passed',
  'refunded',
  'cancelled',
  'replayed',
  'discarded',
  'payout_retried',
  'cash_remitted',
  'locked',
  'unlocked',
  'reset_sent',
  'reset_unsent',
] as const;
export type AdminFlash = (typeof FLASHES)[number];
const isFlash = (code: string | undefined): code is AdminFlash => FLASHES.some((f) => f === code);

export const adminWords = (c: PageCtx): Translate => translator(adminContext(c).locale);

/** The screen's context with the pending one-time message (read once) and an optional refusal. */
export function screenContext(c: PageCtx, error?: string) {
  const code = getCookie(c, FLASH_COOKIE);
  let flash: string | undefined;
  if (code) {
    deleteCookie(c, FLASH_COOKIE, { path: '/admin' });
    if (isFlash(code)) flash = adminWords(c)(`admin.flash.${code}`);
  }
  return adminContext(c, { flash, error });
}

/** Every console screen is private: never stored by any cache. */
export const sendScreen = (c: PageCtx, page: Child, status: ContentfulStatusCode = 200) =>
  sendPage(c, page, status, { private: true });

/** After a successful form post: the screen again by GET (a reload does not post again). */
export function done(c: PageCtx, to: string, flash: AdminFlash) {
  setCookie(c, FLASH_COOKIE, flash, { path: '/admin', maxAge: 60, httpOnly: true, sameSite: 'Lax' });
  c.header('cache-control', 'no-store');
  return c.redirect(safeRedirect(to), 303);
}

/** A service's refusal in the operator's words. */
export function problemWords(t: Translate, err: ServiceProblem): string {
  if (err.status === 404) return t('admin.error.not_found');
  if (err.status === 400 || err.status === 422) {
    const fields = Object.keys(err.fields);
    return fields.length ? `${t('admin.error.check')} (${fields.join(', ')})` : t('admin.error.check');
  }
  if (err.status >= 500) return t('admin.error.unavailable');
  return err.message || t('admin.error.check');
}

/**
 * Runs a form action; a service's refusal (4xx) becomes the screen again with the reason and the
 * refusal's status (`again`), never a 500.
 */
export async function orAgain(
  c: PageCtx,
  run: () => Promise<Response>,
  again: (error: string) => Promise<Child>,
): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return sendScreen(c, await again(problemWords(adminWords(c), err)), err.status as ContentfulStatusCode);
  }
}

export async function form(c: PageCtx): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * A console screen that failed (a service down, or a fault of ours): the console's frame with the
 * reason in the operator's words and 503 or 500, never problem+json to a browser. The full error
 * is logged with the request id the screen shows.
 */
export function adminPageFailed(err: Error, c: PageCtx) {
  const ctx = adminContext(c);
  const t = adminWords(c);
  const screen = (status: ContentfulStatusCode, error: string) =>
    sendScreen(c, <AdminLayout {...ctx} title={t('admin.nav.dashboard')} error={error} />, status);
  if (err instanceof AppError && err.status < 500) return screen(err.status as ContentfulStatusCode, err.message);
  const requestId = c.get('requestId');
  log('error', 'console screen failed', {
    requestId,
    path: c.req.path,
    error: { name: err.name, message: err.message, stack: err.stack },
  });
  const unavailable = err instanceof ServiceProblem && err.status === 503;
  return screen(unavailable ? 503 : 500, t(unavailable ? 'admin.error.unavailable' : 'admin.error.failed', { id: requestId }));
}
