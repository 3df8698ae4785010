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

export const livePageRoutes = new Hono<PagesEnv>()
  .get('/live', (c) => pageSocket(c, '/v1/me/live'))
  .get('/vendor/live', (c) => pageSocket(c, '/v1/vendor/live'));
