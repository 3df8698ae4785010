import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { type EventDefinition, OrderConfirmed } from '@linked-all/events';
import { uuidv7 } from '@linked-all/http';
import { caller, problem } from '@linked-all/testing';
import { randomPhone, seedIdentityShop } from '@linked-all/testing/identity-seed';
import type { z } from 'zod';

export { problem };

/** Calls the notifications worker over HTTP, as the gateway would. */
export const call = caller((request) => exports.default.fetch(request), 'https://notifications.internal');

const rand = () => crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, '0');

/** A shopper in identity's D1 with a phone (and a language): the contact notifications looks up. */
export async function seedShopper(language: 'en' | 'fr' | 'sw' = 'en', email: string | null = null) {
  const userId = `usr_${rand()}${rand()}`;
  const phone = randomPhone();
  const now = Date.now();
  await env.IDENTITY_DB.prepare(
    "INSERT INTO users (id, phone, email, name, language, role, created_at, updated_at) VALUES (?, ?, ?, 'Test Shopper', ?, 'shopper', ?, ?)",
  )
    .bind(userId, phone, email, language, now, now)
    .run();
  return { userId, phone, token: await mintDevToken({ userId, role: 'shopper' }) };
}

/** An approved shop and its owner, whose phone gets the vendor's messages. */
export async function seedVendor() {
  const vendorId = `vnd_${rand()}${rand()}`;
  const userId = `usr_${rand()}${rand()}`;
  await seedIdentityShop(env.IDENTITY_DB, { vendorId, userId });
  const phone = await env.IDENTITY_DB.prepare('SELECT phone FROM users WHERE id = ?').bind(userId).first<string>('phone');
  if (!phone) throw new Error('seeded vendor has no phone');
  return { vendorId, userId, phone };
}

/** An event exactly as an outbox relay sends it. */
export function event<D extends EventDefinition>(definition: D, data: z.input<D['data']>) {
  return definition.envelope.parse({
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    data,
  });
}

export function orderConfirmed(shopperId: string, vendorId: string) {
  const orderId = `ord_${rand()}${rand()}${rand()}`;
  const vendorOrderId = `vor_${rand()}${rand()}${rand()}`;
  return OrderConfirmed.envelope.parse({
    id: uuidv7(),
    type: OrderConfirmed.type,
    version: OrderConfirmed.version,
    occurredAt: new Date().toISOString(),
    data: {
      orderId,
      userId: shopperId,
      amount: 450_000,
      currency: 'KES',
      paymentMethod: 'wallet',
      vendorOrders: [{ vendorOrderId, vendorId, subtotal: 450_000 }],
    },
  });
}

export type SandboxSms = { id: string; provider: string; phone: string; body: string };

/** What the sandbox providers sent to a phone, oldest first. */
export async function smsTo(phone: string): Promise<SandboxSms[]> {
  const { results } = await env.DB.prepare(
    'SELECT id, provider, phone, body FROM sms_sandbox WHERE phone = ? ORDER BY created_at, id',
  )
    .bind(phone)
    .all<SandboxSms>();
  return results;
}

/** Waits (real time: queues deliver in batches) until `check` holds. */
export async function until<T>(
  what: string,
  load: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await load();
    if (check(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const CALLBACK_TOKEN = 'at_dev_callback_token';

/** A form-encoded provider callback. */
export function form(path: string, fields: Record<string, string>) {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}
