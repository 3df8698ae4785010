import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { SandboxSmsView } from '@linked-all/notifications/contract';
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

/** What notifications' sandbox SMS providers "sent" to a phone, newest first, read as a developer reads it. */
export async function smsTo(phone: string) {
  const response = await env.NOTIFICATIONS.fetch(
    `https://notifications.internal/v1/dev/notifications/sms?phone=${encodeURIComponent(phone)}`,
  );
  expect(response.status).toBe(200);
  return SandboxSmsView.parse(await response.json()).items;
}

/** The 6-digit code in the newest SMS to a phone ('' when none came). */
export async function lastCode(phone: string): Promise<string> {
  const [newest] = await smsTo(phone);
  return /\b(\d{6})\b/.exec(newest?.body ?? '')?.[1] ?? '';
}

/** Makes notifications fail every call, or work again (its development/test fault switch). */
export async function notificationsFault(mode: 'fail' | 'off') {
  const response = await env.NOTIFICATIONS.fetch('https://notifications.internal/_dev/faults', {
    method: 'PUT',
    body: JSON.stringify({ mode }),
  });
  expect(response.status).toBe(200);
}
