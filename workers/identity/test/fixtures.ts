import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';

/** Calls the worker under test over HTTP, as the gateway would. */
export function call(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(new Request(`https://identity.internal${path}`, { ...init, headers, body }));
}

/** Asserts a problem+json answer and returns its body. */
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
  expect(body.requestId).toEqual(expect.any(String));
  return body;
}

export type Tokens = { accessToken: string; refreshToken: string; tokenType: 'Bearer'; expiresIn: number };

let counter = 0;
/** A fresh, valid E.164 phone per call, so tests never collide (and never share a rate-limit key). */
export function newPhone(): string {
  counter++;
  return `+2547${String(Date.now() % 1e5).padStart(5, '0')}${String(counter).padStart(3, '0')}`;
}

export const PASSWORD = 'a-long-enough-password';

/** Registers a shopper with a password and returns the user and its first token pair. */
export async function registerShopper(extra: Record<string, unknown> = {}) {
  const phone = newPhone();
  const response = await call('/v1/auth/register', {
    method: 'POST',
    json: { phone, password: PASSWORD, name: 'Amina', ...extra },
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as Tokens & { user: { id: string; phone: string } };
  return { phone, ...body };
}
