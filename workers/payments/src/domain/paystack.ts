import { AppError, log, newId } from '@linked-all/http';
import { z } from 'zod';
import { confirmTopUp, findTopUp } from './topups';

/** The part of a Paystack event we read; Paystack sends many more fields, so this is not strict. */
export const PaystackEvent = z.object({
  event: z.string().min(1).max(100),
  data: z.object({
    reference: z.string().min(1).max(200),
    amount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    status: z.string().optional(),
  }),
});
export type PaystackEvent = z.infer<typeof PaystackEvent>;

function hexToBytes(hex: string): Uint8Array | null {
  if (!/^[0-9a-f]{128}$/i.test(hex)) return null;
  const bytes = new Uint8Array(64);
  for (let i = 0; i < 64; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * True if `signature` is the HMAC-SHA512 (hex) of the raw body under the secret.
 * `crypto.subtle.verify` compares in constant time; we never compare strings ourselves.
 */
export async function verifyPaystackSignature(raw: ArrayBuffer, signature: string | undefined, secret: string): Promise<boolean> {
  const expected = signature ? hexToBytes(signature.trim()) : null;
  if (!expected || !secret) return false;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-512' }, false, [
    'verify',
  ]);
  return crypto.subtle.verify('HMAC', key, expected, raw);
}

/**
 * Handles a verified Paystack event: records it once per (provider, reference, event) and,
 * for `charge.success` of one of our top-ups, credits the wallet exactly once. Other events
 * are recorded, not acted on.
 */
export async function handlePaystackEvent(db: D1Database, raw: string, event: PaystackEvent, now = Date.now()) {
  const recorded = await db
    .prepare(
      `INSERT INTO provider_events (id, provider, reference, event, body, received_at) VALUES (?, 'paystack', ?, ?, ?, ?)
       ON CONFLICT (provider, reference, event) DO NOTHING`,
    )
    .bind(newId('pev', now), event.data.reference, event.event, raw, now)
    .run();
  const duplicate = recorded.meta.changes === 0;
  if (event.event !== 'charge.success') return { duplicate, credited: false };

  const topUp = await findTopUp(db, 'paystack', event.data.reference);
  if (!topUp) {
    log('warn', 'paystack charge for an unknown reference', { reference: event.data.reference });
    return { duplicate, credited: false };
  }
  // Even a duplicate goes through: if a crash fell between recording and crediting, the
  // replay finishes the job; the entry's external ref keeps it to one credit.
  const { credited } = await confirmTopUp(db, topUp, { amount: event.data.amount, currency: event.data.currency }, now);
  return { duplicate, credited };
}

/** Parses a body whose signature was already verified. */
export function parsePaystackEvent(raw: string): PaystackEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('malformed_json', 'The webhook body is not JSON');
  }
  const parsed = PaystackEvent.safeParse(json);
  if (!parsed.success) throw new AppError('validation_failed', 'The webhook body is not a Paystack event');
  return parsed.data;
}
