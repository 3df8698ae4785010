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

/** The 6-digit code in the newest SMS notifications' sandbox providers "sent" to a phone ('' when none), read through the gateway's dev route. */
export async function smsCode(phone: string): Promise<string> {
  const inbox = (await (await get(`/v1/dev/notifications/sms?phone=${encodeURIComponent(phone)}`)).json()) as {
    items: { body: string }[];
  };
  return /\b(\d{6})\b/.exec(inbox.items[0]?.body ?? '')?.[1] ?? '';
}
