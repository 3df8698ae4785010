import { expect } from 'vitest';

export type CallInit = RequestInit & { token?: string; json?: unknown };

/** A test client for a worker: `call(path, { token, json })` sends what the gateway would send. */
export function caller(fetch: (request: Request) => Promise<Response>, origin: string) {
  return (path: string, init: CallInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(new Request(`${origin}${path}`, { ...init, headers, body }));
  };
}

/** Asserts an RFC 9457 problem+json answer with its status and code, and returns its body. */
export async function problem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    code,
    title: expect.any(String),
    detail: expect.any(String),
    instance: expect.any(String),
  });
  // The id in the body is the one on the response, so a user can quote either.
  expect(body.requestId).toEqual(expect.any(String));
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}
