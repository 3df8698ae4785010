import { exports } from 'cloudflare:workers';
import { caller, problem } from '@linked-all/testing';
import { expect } from 'vitest';

/** Calls the worker under test over HTTP, as the gateway would. */
export const call = caller((request) => exports.default.fetch(request), 'https://identity.internal');

export { problem };

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
