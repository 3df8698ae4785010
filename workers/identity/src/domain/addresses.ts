import { insertWhere, statement } from '@linked-all/db';
import { AppError, newId } from '@linked-all/http';
import { and, asc, desc, eq, exists, ne, sql } from 'drizzle-orm';
import type { AddressBody, AddressView } from '../../contract';
import { orm } from '../db/orm';
import { addresses, users } from '../db/schema';

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
  const result = await insertWhere(
    db,
    addresses,
    {
      id,
      userId,
      label: input.label ?? null,
      landmark: input.landmark,
      city: input.city,
      country: input.country,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      pickupStationId: input.pickupStationId ?? null,
      createdAt: now,
    },
    sql`(SELECT count(*) FROM ${addresses} WHERE ${addresses.userId} = ${userId}) < ${MAX_ADDRESSES}
        AND EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${userId})`,
  ).run();
  if (result.meta.changes === 0) {
    // A signed token whose account is gone (the foreign key would otherwise make this a 500).
    const account = await orm(db).select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
    if (!account) throw new AppError('not_found', 'Your account no longer exists');
    throw new AppError('conflict', `You can keep at most ${MAX_ADDRESSES} addresses`);
  }
  return getAddress(db, userId, id);
}

export async function deleteAddress(db: D1Database, userId: string, id: string): Promise<void> {
  const result = await orm(db)
    .delete(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .run();
  if (result.meta.changes === 0) throw new AppError('not_found', `You have no address ${id}`);
}

/** Replaces one of the user's addresses with what the form now says (its id and default stay). */
export async function updateAddress(db: D1Database, userId: string, id: string, input: AddressBody): Promise<AddressView> {
  const result = await orm(db)
    .update(addresses)
    .set({
      label: input.label ?? null,
      landmark: input.landmark,
      city: input.city,
      country: input.country,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      pickupStationId: input.pickupStationId ?? null,
    })
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .run();
  if (result.meta.changes === 0) throw new AppError('not_found', `You have no address ${id}`);
  return getAddress(db, userId, id);
}

/**
 * Makes one address the default: the old default is cleared in the same batch, and only when
 * the new one is the user's (so a wrong id leaves the old default in place).
 */
export async function makeDefaultAddress(db: D1Database, userId: string, id: string): Promise<AddressView> {
  const o = orm(db);
  const mine = exists(
    o
      .select({ one: sql`1` })
      .from(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId))),
  );
  const [, set] = await db.batch([
    statement(
      db,
      o
        .update(addresses)
        .set({ isDefault: false })
        .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true), ne(addresses.id, id), mine)),
    ),
    statement(
      db,
      o
        .update(addresses)
        .set({ isDefault: true })
        .where(and(eq(addresses.id, id), eq(addresses.userId, userId))),
    ),
  ]);
  if (set.meta.changes === 0) throw new AppError('not_found', `You have no address ${id}`);
  return getAddress(db, userId, id);
}
