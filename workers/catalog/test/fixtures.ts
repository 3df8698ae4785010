import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { expect } from 'vitest';

export * from './seed-catalog';

export const vendorToken = (vendorId: string) => mintDevToken({ userId: `usr_${vendorId.slice(4)}`, role: 'vendor', vendorId });
export const shopperToken = () => mintDevToken({ userId: 'usr_shopper1', role: 'shopper' });

/** Calls the worker under test over HTTP, as the gateway would. */
export function call(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(new Request(`https://catalog.internal${path}`, { ...init, headers, body }));
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
