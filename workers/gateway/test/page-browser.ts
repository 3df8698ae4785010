import { expect } from 'vitest';
import { get } from './helpers';

/** A browser with JavaScript off: keeps cookies, sends forms, does not follow redirects. */
export function browser(defaultHeaders: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  async function send(path: string, init: RequestInit = {}) {
    // As a browser does for navigations and form posts: it asks for HTML.
    const headers = new Headers({
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
      ...defaultHeaders,
      ...Object.fromEntries(new Headers(init.headers)),
    });
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await get(path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (/max-age=0/i.test(line) || pair.slice(eq + 1) === '') jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return response;
  }
  return {
    jar,
    open: (path: string) => send(path),
    post: (path: string, fields: Record<string, string> = {}) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }),
  };
}

/** A 303 to `location` (the answer to a form, or to a GET on a form-only URL). */
export function redirected(response: Response, location: string) {
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(location);
}
