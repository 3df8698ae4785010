import { AppError } from '@linked-all/http';
import { LIVE_JS, PUSH_JS, PUSH_SW_JS } from '@linked-all/web';
import { Hono } from 'hono';
import { notFound, type PageCtx, type PagesEnv } from '../page-response';
import { readSession } from '../session';

// Live updates for open pages (notifications' LiveHub). The socket's 101 answer must reach the
// browser with its WebSocket, which forwardToService's copy of the answer would drop, so these
// routes call the service themselves.

export type LivePath = '/v1/me/live' | '/v1/vendor/live';

/** Opens the caller's socket at notifications with their bearer token. */
export async function openLiveSocket(
  env: GatewayEnv,
  request: Request,
  path: LivePath,
  authorization: string | undefined,
  traceparent: string,
) {
  const headers = new Headers(request.headers);
  headers.delete('cookie');
  headers.set('traceparent', traceparent);
  if (authorization) headers.set('authorization', authorization);
  else headers.delete('authorization');
  const answer = await env.NOTIFICATIONS.fetch(new Request(new URL(path, request.url), { headers }));
  // A service's answer has immutable headers and the gateway's middleware adds its own: a new
  // Response that carries the same socket (or the same refusal).
  return answer.webSocket
    ? new Response(null, { status: 101, webSocket: answer.webSocket, headers: answer.headers })
    : new Response(answer.body, answer);
}

/**
 * A page's socket, signed in by the session cookie. Browsers send cookies on a cross-site WebSocket
 * too (SameSite does not cover it), so a socket opened by another site's page is refused by Origin.
 */
async function pageSocket(c: PageCtx, path: LivePath) {
  // A browser tab opened on the address is a navigation, not a socket: it gets the 404 page.
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return notFound(c);
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin) return c.text('Cross-site socket refused', 403);
  const session = await readSession(c);
  if (!session) return c.text('Sign in first', 401);
  return openLiveSocket(c.env, c.req.raw, path, `Bearer ${session.token}`, c.get('traceparent'));
}

/**
 * The account page's push control registers this browser's subscription for the signed-in shopper
 * (session cookie → bearer token at notifications, which validates and answers problem+json). A
 * script's fetch always sends Origin on POST/DELETE: one from another site is refused before the
 * cookie is read (SameSite=Lax already keeps the cookie off a cross-site fetch; this says so).
 */
async function pagePushSubscription(c: PageCtx) {
  const origin = c.req.header('origin');
  if (origin !== new URL(c.req.url).origin) throw new AppError('forbidden', 'Cross-site request refused');
  const session = await readSession(c);
  if (!session) throw new AppError('unauthenticated', 'Sign in first');
  const headers = new Headers({
    authorization: `Bearer ${session.token}`,
    'content-type': c.req.header('content-type') ?? 'application/json',
    'x-request-id': c.get('requestId'),
    traceparent: c.get('traceparent'),
  });
  const answer = await c.env.NOTIFICATIONS.fetch(
    new Request(new URL('/v1/me/push-subscriptions', c.req.url), { method: c.req.method, headers, body: c.req.raw.body }),
  );
  return new Response(answer.body, answer);
}

// The shopper pages' scripts: they change with a deploy, not per user (short public caching,
// revalidated by ETag). The CSP allows scripts from 'self'.
const REVALIDATE = 'public, max-age=300, stale-while-revalidate=86400';
const js = (c: PageCtx, body: string, cacheControl = REVALIDATE) =>
  c.body(body, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': cacheControl });

export const livePageRoutes = new Hono<PagesEnv>()
  .get('/live', (c) => pageSocket(c, '/v1/me/live'))
  .get('/vendor/live', (c) => pageSocket(c, '/v1/vendor/live'))
  .get('/live.js', (c) => js(c, LIVE_JS))
  .get('/push.js', (c) => js(c, PUSH_JS))
  // At the root so its scope is the whole shop; no-cache so a deploy reaches browsers at once.
  .get('/push-sw.js', (c) => js(c, PUSH_SW_JS, 'no-cache'))
  .post('/account/push-subscriptions', pagePushSubscription)
  .delete('/account/push-subscriptions', pagePushSubscription);
