import { negotiateLocale, translator } from '@linked-all/i18n';
import { type AdminContext, AdminLayout } from '@linked-all/web';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { LANG_COOKIE, type PageCtx, type PagesEnv, sendPage } from '../../page-response';
import { readSession, type Session } from '../../session';
import { toSignIn } from '../shop/forms';

/** The signed-in operator of a request that passed `adminOnly` (the session is read once per request). */
export async function adminOf(c: PageCtx): Promise<Session> {
  const session = await readSession(c);
  if (session?.role !== 'admin') throw new Error('adminOf outside the console door');
  return session;
}

/** The console's language: the operator's chosen one, else the browser's. */
export function adminContext(c: PageCtx, extra: Partial<AdminContext> = {}): AdminContext {
  const url = new URL(c.req.url);
  const locale = negotiateLocale({ chosen: getCookie(c, LANG_COOKIE), acceptLanguage: c.req.header('accept-language') });
  return { locale, path: url.pathname, ...extra };
}

/**
 * The console's one door: not signed in → the sign-in page and back; signed in without the admin
 * role → a 403 page. Every screen and form under /admin passes here, and nothing it shows is cached.
 */
export const adminOnly = createMiddleware<PagesEnv>(async (c, next) => {
  const session = await readSession(c);
  if (!session) return toSignIn(c, new URL(c.req.url).pathname);
  if (session.role !== 'admin') {
    const ctx = adminContext(c);
    const t = translator(ctx.locale);
    return sendPage(c, <AdminLayout {...ctx} title={t('admin.nav.dashboard')} error={t('admin.error.forbidden')} />, 403, {
      private: true,
    });
  }
  await next();
  c.header('cache-control', 'private, no-store');
});
