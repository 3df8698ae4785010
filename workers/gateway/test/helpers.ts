import { exports } from 'cloudflare:workers';

/** A request to the gateway as a browser or API client would send it. */
export function get(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`http://localhost:8787${path}`, init));
}

export { problem } from '@linked-all/testing';

/** Polls until `check` passes: queue delivery is asynchronous, in workerd as in production. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
