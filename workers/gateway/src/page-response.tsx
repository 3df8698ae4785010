import {
  BadRequestPage,
  I18nContext,
  isSaveData,
  isShopCountry,
  NotFoundPage,
  negotiatePageI18n,
  type PageContext,
  type PageI18n,
  SAVE_DATA_COOKIE,
  type ShopCountry,
} from '@linked-all/web';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type PagesEnv = { Bindings: GatewayEnv; Variables: { requestId: string; traceparent: string } };
export type PageCtx = Context<PagesEnv>;

/** How long a public page may be kept, by browsers and by the edge page cache (middleware/page-cache.ts). */
export const PAGE_MAX_AGE_SECONDS = 60;
export const ANONYMOUS_CACHE = `public, max-age=${PAGE_MAX_AGE_SECONDS}, stale-while-revalidate=300`;
/** Every header a page's words or looks depend on; the edge page cache keys on the same things. */
export const PAGE_VARY = 'Save-Data, Cookie, Accept-Language, CF-IPCountry';

/** The session cookies (session.ts reads and writes them; pages only ask whether they are there). */
export const ACCESS_COOKIE = 'la_at';
export const REFRESH_COOKIE = 'la_rt';

/** The shopper's chosen language (set by a `?lang=` link) and country (the header's switch). */
export const LANG_COOKIE = 'la_lang';
export const COUNTRY_COOKIE = 'la_country';

/** Cookies that only choose how a public page looks: such a page is still the same for everyone who shares them. */
const PRESENTATION_COOKIES = [SAVE_DATA_COOKIE, LANG_COOKIE, COUNTRY_COOKIE];

/** Data saver and where this page is, read once per request for the layout. */
export function pageContext(c: PageCtx): PageContext {
  const url = new URL(c.req.url);
  return {
    saveData: isSaveData(c.req.header('save-data'), getCookie(c, SAVE_DATA_COOKIE)),
    path: url.pathname + url.search,
    signedIn: Boolean(getCookie(c, ACCESS_COOKIE) || getCookie(c, REFRESH_COOKIE)),
    country: shopCountry(c),
  };
}

/**
 * The country the shopper shops in: the one they chose (cookie), else where Cloudflare places
 * them (`CF-IPCountry`), when it is one we sell in.
 */
export function shopCountry(c: PageCtx): ShopCountry | undefined {
  const chosen = getCookie(c, COUNTRY_COOKIE);
  if (isShopCountry(chosen)) return chosen;
  const located = c.req.header('cf-ipcountry')?.toUpperCase();
  return isShopCountry(located) ? located : undefined;
}

const i18ns = new WeakMap<Request, PageI18n>();

/** The page's language: a `?lang=` switch, else the `lang` cookie, Accept-Language, the country, English. */
export function pageI18nOf(c: PageCtx): PageI18n {
  let i18n = i18ns.get(c.req.raw);
  if (!i18n) {
    const country = shopCountry(c);
    i18n = negotiatePageI18n(
      {
        chosen: c.req.query('lang') ?? getCookie(c, LANG_COOKIE),
        acceptLanguage: c.req.header('accept-language'),
        country: country ?? c.req.header('cf-ipcountry'),
      },
      country,
    );
    i18ns.set(c.req.raw, i18n);
  }
  return i18n;
}

/** Anonymous: not signed in and no cookie but the presentation choices (which `Vary: Cookie` covers). */
export function isAnonymous(c: PageCtx): boolean {
  if (c.req.header('authorization')) return false;
  return Object.keys(getCookie(c)).every((name) => PRESENTATION_COOKIES.includes(name));
}

/**
 * Every page leaves here: HTML in the shopper's language, one cache policy, and a Vary that keeps
 * the data-saver, language and country versions of a page apart in shared caches. A page with
 * private data (cart, checkout, orders) is never stored by anyone.
 */
export async function sendPage(c: PageCtx, page: Child, status: ContentfulStatusCode = 200, options: { private?: boolean } = {}) {
  c.header('vary', PAGE_VARY);
  if (status >= 500 || options.private) c.header('cache-control', options.private ? 'private, no-store' : 'no-store');
  else c.header('cache-control', isAnonymous(c) ? ANONYMOUS_CACHE : 'private, no-cache');
  const i18n = pageI18nOf(c);
  c.header('content-language', i18n.locale);
  return c.html(<I18nContext.Provider value={i18n}>{page}</I18nContext.Provider>, status, {
    'Content-Type': 'text/html; charset=utf-8',
  });
}

export function notFound(c: PageCtx, message?: string, options: { private?: boolean } = {}) {
  return sendPage(c, <NotFoundPage {...pageContext(c)} message={message} />, 404, options);
}

/** A form body limit whose refusal is a page like every other (413 HTML), not a bare text answer. */
export function formLimit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      sendPage(c, <BadRequestPage {...pageContext(c)} message={pageI18nOf(c).t('shop.error.form_too_large')} />, 413, {
        private: true,
      }),
  });
}
