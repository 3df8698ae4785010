import { log, traced } from '@linked-all/http';
import { getCookie } from 'hono/cookie';
import { ACCESS_COOKIE, type PageCtx, REFRESH_COOKIE } from '../../page-response';
import { CART_COOKIE } from '../../session';

// Crawlers, link previews, monitors and scripts: their "views" are not a shopper's interest.
const BOTS =
  /bot|crawl|spider|slurp|preview|headless|lighthouse|monitor|curl|wget|python|java\/|go-http|okhttp|axios|node-fetch/i;
/**
 * Share of browsing sessions whose views are counted. Whole sessions are in or out (by their hash),
 * so a counted session's pairs are complete; lower it when the view traffic outgrows the queue.
 */
export const VIEW_SAMPLE_PERCENT = 100;

/**
 * Reports a product page view for "viewed also viewed", after the page is sent (waitUntil: the
 * page never waits). Only a visitor with a session (signed in, or holding a cart) is counted: a
 * visitor without cookies has no session to pair views in, and gets the edge-cached page anyway.
 * The catalog receives a day-bucketed hash of the cookie, never the cookie.
 */
export function reportProductView(c: PageCtx, productId: string): void {
  const agent = c.req.header('user-agent') ?? '';
  const cookie = getCookie(c, REFRESH_COOKIE) ?? getCookie(c, CART_COOKIE) ?? getCookie(c, ACCESS_COOKIE);
  if (!cookie || !agent || BOTS.test(agent)) return;
  const day = new Date().toISOString().slice(0, 10);
  const send = async () => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${cookie}|${day}`));
    const session = [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (Number.parseInt(session.slice(0, 4), 16) % 100 >= VIEW_SAMPLE_PERCENT) return;
    await traced(c.env.CATALOG).recordView({ productId, session });
  };
  c.executionCtx.waitUntil(
    send().catch((err: unknown) =>
      log('warn', 'product view not reported', { error: err instanceof Error ? err.message : String(err) }),
    ),
  );
}
