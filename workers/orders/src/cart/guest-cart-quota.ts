import { AppError } from '@linked-all/http';
import { lt, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { guestCartQuota } from '../db/schema';

/**
 * Guest carts one client address may open per hour. Generous on purpose: many shoppers on mobile
 * networks share one address (carrier NAT), and a guest opens one cart per device, not per visit.
 */
export const GUEST_CARTS_PER_ADDRESS_PER_HOUR = 60;
const HOUR_MS = 3_600_000;

/**
 * Takes one guest cart from the address's hourly quota, or answers 429. The count lives in D1, not
 * in the Rate Limiting binding: the binding's windows are 10 or 60 s and per location (approximate),
 * while this is an hourly, global and exact limit — the increment is its own guard in one statement.
 * Without an address (only local dev and tests: Cloudflare always sets cf-connecting-ip) there is no quota.
 */
export async function takeGuestCartQuota(db: D1Database, client: string | undefined, now = Date.now()): Promise<void> {
  if (!client) return;
  const hour = Math.floor(now / HOUR_MS);
  const taken = await orm(db)
    .insert(guestCartQuota)
    .values({ client, hour, created: 1 })
    .onConflictDoUpdate({
      target: [guestCartQuota.client, guestCartQuota.hour],
      set: { created: sql`${guestCartQuota.created} + 1` },
      setWhere: lt(guestCartQuota.created, GUEST_CARTS_PER_ADDRESS_PER_HOUR),
    })
    .run();
  if (taken.meta.changes === 0) {
    const retryAfter = Math.ceil(((hour + 1) * HOUR_MS - now) / 1000);
    throw new AppError('rate_limited', 'Too many new carts from this address; use the cart you have, or sign in', {
      headers: { 'retry-after': String(retryAfter) },
    });
  }
}

/** Drops counts of hours that are over (the cron calls it). */
export async function pruneGuestCartQuota(db: D1Database, now = Date.now()): Promise<void> {
  await orm(db)
    .delete(guestCartQuota)
    .where(lt(guestCartQuota.hour, Math.floor(now / HOUR_MS)))
    .run();
}
