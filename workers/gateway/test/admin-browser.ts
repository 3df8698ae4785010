import { mintDevToken } from '@linked-all/auth/dev-keys';
import { expect } from 'vitest';
import { get } from './helpers';

// The console's tests drive it like a browser with JavaScript off: cookies kept, forms posted,
// redirects not followed. Every screen must be private and within the 14 KB budget.

const BUDGET = 14 * 1024;

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** An operator's browser (or a shopper's, for the refusals). */
export async function consoleBrowser(role: 'admin' | 'shopper' = 'admin', userId = `usr_console${role}`) {
  const cookie = `la_at=${await mintDevToken({ userId, role })}`;
  const send = (path: string, init: RequestInit = {}) =>
    get(path, { ...init, headers: { cookie, ...Object.fromEntries(new Headers(init.headers)) }, redirect: 'manual' });
  return {
    userId,
    open: (path: string) => send(path),
    post: (path: string, fields: Record<string, string> = {}) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: crypto.randomUUID(), ...fields }).toString(),
      }),
  };
}

/** A console screen: HTML, never cached, within budget; answers its text. */
export async function screen(response: Response, status = 200): Promise<string> {
  const html = await response.text();
  expect(response.status, html.slice(0, 1500)).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(await gzipSize(html)).toBeLessThanOrEqual(BUDGET);
  return html;
}

export function redirected(response: Response, location: string) {
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(location);
}

let shoppers = 0;
/** A registered shopper's access token (identity's own, so the account exists). */
export async function registeredShopper(prefix: string): Promise<{ token: string; userId: string; phone: string }> {
  shoppers++;
  const phone = `+2547330${String(shoppers).padStart(5, '0')}`;
  const response = await get('/v1/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      phone,
      email: `${prefix}${shoppers}@console.test`,
      password: 'console-password',
      name: `Buyer ${shoppers}`,
    }),
  });
  const body = (await response.json()) as { accessToken: string; user: { id: string } };
  expect(response.status).toBe(201);
  return { token: body.accessToken, userId: body.user.id, phone };
}
