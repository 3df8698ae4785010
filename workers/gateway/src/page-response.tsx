import { BadRequestPage, isSaveData, NotFoundPage, type PageContext, SAVE_DATA_COOKIE } from '@linked-all/web';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type PagesEnv = { Bindings: GatewayEnv; Variables: { requestId: string; traceparent: string } };
export type PageCtx = Context<PagesEnv>;

const ANONYMOUS_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** Data saver and where this page is, read once per request for the layout. */
export function pageContext(c: PageCtx): PageContext {
  const url = new URL(c.req.url);
  return {
    saveData: isSaveData(c.req.header('save-data'), getCookie(c, SAVE_DATA_COOKIE)),
    path: url.pathname + url.search,
  };
}

/** Anonymous: not signed in and no cookie but the data-saver choice (which `Vary: Cookie` covers). */
function isAnonymous(c: PageCtx): boolean {
  if (c.req.header('authorization')) return false;
  return Object.keys(getCookie(c)).every((name) => name === SAVE_DATA_COOKIE);
}

/**
 * Every page leaves here: HTML, one cache policy, and a Vary that keeps the
 * data-saver and image versions of a page apart in shared caches. A page with
 * private data (cart, checkout, orders) is never stored by anyone.
 */
export async function sendPage(c: PageCtx, page: Child, status: ContentfulStatusCode = 200, options: { private?: boolean } = {}) {
  c.header('vary', 'Save-Data, Cookie');
  if (status >= 500 || options.private) c.header('cache-control', options.private ? 'private, no-store' : 'no-store');
  else c.header('cache-control', isAnonymous(c) ? ANONYMOUS_CACHE : 'private, no-cache');
  return c.html(page as string, status, { 'Content-Type': 'text/html; charset=utf-8' });
}

export function notFound(c: PageCtx, message?: string, options: { private?: boolean } = {}) {
  return sendPage(c, <NotFoundPage {...pageContext(c)} message={message} />, 404, options);
}

/** A form body limit whose refusal is a page like every other (413 HTML), not a bare text answer. */
export function formLimit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      sendPage(c, <BadRequestPage {...pageContext(c)} message="That form was too large to read." />, 413, { private: true }),
  });
}
