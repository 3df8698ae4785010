import { AppError } from '@linked-all/http';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { CODE_LOCK_MS, MAX_CODE_FAILURES } from '../../contract/enums';
import { orm } from '../db/orm';
import { shipments } from '../db/schema';

const encoder = new TextEncoder();
const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The shopper's 6-digit collection code of a shipment: HMAC-SHA256(secret, shipment id), so the
 * shopper's own tracking page can show it again while the database keeps only its hash. Whoever
 * holds the database alone cannot hand a parcel over.
 */
export async function collectionCode(secret: string, shipmentId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new DataView(await crypto.subtle.sign('HMAC', key, encoder.encode(`collection:${shipmentId}`)));
  return String(mac.getUint32(0) % 1_000_000).padStart(6, '0');
}

/** What is stored: SHA-256 of the shipment id and the code (the id salts it, so equal codes hash apart). */
export async function codeHash(shipmentId: string, code: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(`${shipmentId}:${code}`)));
}

/** Constant-time comparison of two hex strings of equal length. */
function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a collection code. A wrong one counts; the MAX_CODE_FAILURES-th locks the code for
 * CODE_LOCK_MS (429 with Retry-After), and a locked code is refused even when right. The count
 * and the lock are one UPDATE guarded by "not locked", so concurrent guesses cannot exceed it.
 * A right code resets the count in the move that hands the parcel over (`RESET_CODE_FAILURES`).
 */
export async function checkCollectionCode(db: D1Database, shipmentId: string, code: string, now = Date.now()): Promise<void> {
  const row = await orm(db)
    .select({ hash: shipments.codeHash, lockedUntil: shipments.codeLockedUntil })
    .from(shipments)
    .where(eq(shipments.id, shipmentId))
    .get();
  if (!row) throw new AppError('not_found', `No shipment ${shipmentId}`);
  if (row.lockedUntil !== null && row.lockedUntil > now) throw locked(row.lockedUntil, now);
  if (sameHash(row.hash, await codeHash(shipmentId, code))) return;
  // A lock that ran out starts the count again; both SETs read the row as it was before the UPDATE.
  const failures = sql`CASE WHEN ${shipments.codeLockedUntil} IS NOT NULL THEN 1 ELSE ${shipments.codeFailures} + 1 END`;
  const counted = await orm(db)
    .update(shipments)
    .set({
      codeFailures: failures,
      codeLockedUntil: sql`CASE WHEN (${failures}) >= ${MAX_CODE_FAILURES} THEN ${now + CODE_LOCK_MS} ELSE NULL END`,
    })
    .where(and(eq(shipments.id, shipmentId), or(isNull(shipments.codeLockedUntil), lte(shipments.codeLockedUntil, now))))
    .returning({ failures: shipments.codeFailures, lockedUntil: shipments.codeLockedUntil })
    .get();
  // No row: another wrong guess locked it between our read and this write.
  if (!counted) throw locked(now + CODE_LOCK_MS, now);
  if (counted.lockedUntil !== null) throw locked(counted.lockedUntil, now);
  throw new AppError('forbidden', `The collection code is wrong; ${MAX_CODE_FAILURES - counted.failures} tries left`, {
    triesLeft: MAX_CODE_FAILURES - counted.failures,
  });
}

/** Assignments for the move that accepts the right code. */
export const RESET_CODE_FAILURES = { codeFailures: 0, codeLockedUntil: null };

function locked(until: number, now: number): AppError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new AppError('rate_limited', `Too many wrong collection codes; try again after ${new Date(until).toISOString()}`, {
    lockedUntil: new Date(until).toISOString(),
    headers: { 'retry-after': String(seconds) },
  });
}
