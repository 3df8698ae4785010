import { AppError, newId } from '@linked-all/http';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AddressBody, AddressView } from '../../contract';
import { orm } from '../db/orm';
import { addresses } from '../db/schema';

// Addresses hold personal data and are no other service's business: no events.
// Orders keep their own snapshot of the address used.

export const MAX_ADDRESSES = 20;

type AddressRow = typeof addresses.$inferSelect;

function addressView(row: AddressRow): AddressView {
  return {
    id: row.id,
    label: row.label,
    landmark: row.landmark,
    city: row.city,
    country: row.country,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    pickupStationId: row.pickupStationId,
    createdAt: new Date(row.createdAt).toISOString(),
    isDefault: row.isDefault,
  };
}

export async function listAddresses(db: D1Database, userId: string): Promise<AddressView[]> {
  const rows = await orm(db)
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt))
    .all();
  return rows.map(addressView);
}

/** One of the user's addresses; another user's address is indistinguishable from a missing one. */
export async function getAddress(db: D1Database, userId: string, id: string): Promise<AddressView> {
  const row = await orm(db)
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .get();
  if (!row) throw new AppError('not_found', `You have no address ${id}`);
  return addressView(row);
}

export async function addAddress(db: D1Database, userId: string, input: AddressBody, now: number): Promise<AddressView> {
  const id = newId('adr', now);
  // The cap is enforced in the INSERT itself, so two concurrent adds cannot both pass a separate count.
  const result = await db
    .prepare(
      `INSERT INTO addresses (id, user_id, label, landmark, city, country, lat, lng, pickup_station_id, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM addresses WHERE user_id = ?) < ?`,
    )
    .bind(
      id,
      userId,
      input.label ?? null,
      input.landmark,
      input.city,
      input.country,
      input.lat ?? null,
      input.lng ?? null,
      input.pickupStationId ?? null,
      now,
      userId,
      MAX_ADDRESSES,
    )
    .run();
  if (result.meta.changes === 0) throw new AppError('conflict', `You can keep at most ${MAX_ADDRESSES} addresses`);
  return getAddress(db, userId, id);
}

export async function deleteAddress(db: D1Database, userId: string, id: string): Promise<void> {
  const result = await db.prepare('DELETE FROM addresses WHERE id = ? AND user_id = ?').bind(id, userId).run();
  if (result.meta.changes === 0) throw new AppError('not_found', `You have no address ${id}`);
}

/** Replaces one of the user's addresses with what the form now says (its id and default stay). */
export async function updateAddress(db: D1Database, userId: string, id: string, input: AddressBody): Promise<AddressView> {
  const result = await db
    .prepare(
      `UPDATE addresses SET label = ?, landmark = ?, city = ?, country = ?, lat = ?, lng = ?, pickup_station_id = ?
       WHERE id = ? AND user_id = ?`,
    )
    .bind(
      input.label ?? null,
      input.landmark,
      input.city,
      input.country,
      input.lat ?? null,
      input.lng ?? null,
      input.pickupStationId ?? null,
      id,
      userId,
    )
    .run();
  if (result.meta.changes === 0) throw new AppError('not_found', `You have no address ${id}`);
  return getAddress(db, userId, id);
}

/**
 * Makes one address the default: the old default is cleared in the same batch, and only when
 * the new one is the user's (so a wrong id leaves the old default in place).
 */
export async function makeDefaultAddress(db: D1Database, userId: string, id: string): Promise<AddressView> {
  const mine = 'EXISTS (SELECT 1 FROM addresses WHERE id = ? AND user_id = ?)';
  const [, set] = await db.batch([
    db
      .prepare(`UPDATE addresses SET is_default = 0 WHERE user_id = ? AND is_default = 1 AND id <> ? AND ${mine}`)
      .bind(userId, id, id, userId),
    db.prepare('UPDATE addresses SET is_default = 1 WHERE id = ? AND user_id = ?').bind(id, userId),
  ]);
  if (set.meta.changes === 0) throw new AppError('not_found', `You have no address ${id}`);
  return getAddress(db, userId, id);
}
