// The JSON client every e2e file drives the stack's API with, and the one way they wait for
// something asynchronous (a queue, a saga, a callback) to become true.

export type Json = Record<string, unknown>;

export type CallInit = {
  method?: string;
  /** Sent as `Authorization: Bearer …`. */
  token?: string;
  /** Sent as the JSON body. */
  json?: unknown;
  headers?: Record<string, string>;
};

/** API calls against the stack whose base URL `baseUrl()` gives (read per call: stacks start in beforeAll). */
export function client(baseUrl: () => string) {
  async function api(path: string, init: CallInit = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, text };
  }

  /** The answer's body; throws with the status and text unless it is 2xx. */
  async function ok(path: string, init: CallInit = {}) {
    const res = await api(path, init);
    if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${res.text}`);
    return res.body;
  }

  /** An access token for a seeded demo account. */
  async function login(email: string) {
    return String((await ok('/v1/auth/login', { method: 'POST', json: { email, password: 'demo-password' } })).accessToken);
  }

  /**
   * A shopper of this test's own (the files share one stack: a seeded shopper's open orders, cart and
   * wallet would carry from file to file, and pay on delivery refuses a shopper with too many open
   * orders). Each gets its own client address, as each phone would behind Cloudflare.
   */
  async function newShopper(label: string) {
    const phone = `+2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const password = 'a-long-enough-password';
    const headers = { 'cf-connecting-ip': `10.${phone.slice(-6, -4)}.${phone.slice(-4, -2)}.${phone.slice(-2)}` };
    const registered = await ok('/v1/auth/register', {
      method: 'POST',
      headers,
      json: { phone, password, name: `E2E ${label}` },
    });
    const tokens = await ok('/v1/auth/login', { method: 'POST', headers, json: { phone, password } });
    return { userId: String((registered.user as Json).id), phone, token: String(tokens.accessToken) };
  }

  return { api, ok, login, newShopper };
}

/** Polls `read` until it gives a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
