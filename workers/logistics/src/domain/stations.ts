import { existsGuard } from '@linked-all/db';
import { AppError, newId } from '@linked-all/http';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type NewStationBody, OpeningHours, type PickupStationView, type StationPatchBody } from '../../contract/schemas';
import { orm } from '../db/orm';
import { pickupStations, stationAgents } from '../db/schema';
import { runAudited } from './audited';

type StationRow = typeof pickupStations.$inferSelect;

export function stationView(row: StationRow, distanceKm?: number): PickupStationView {
  return {
    id: row.id,
    country: row.country,
    city: row.city,
    name: row.name,
    landmark: row.landmark,
    openingHours: OpeningHours.parse(JSON.parse(row.openingHours)),
    capacity: row.capacity,
    location: { lat: row.lat, lng: row.lng },
    active: row.active,
    ...(distanceKm === undefined ? {} : { distanceKm: Math.round(distanceKm * 10) / 10 }),
  };
}

/** Great-circle distance (haversine), in km: good enough to sort stations by nearness. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Active stations, by country and city (case-insensitive), nearest first when `near` is given,
 * else by city and name. A few hundred stations per country at most: sorting in the worker is fine.
 */
export async function listStations(db: D1Database, query: { country?: string; city?: string; near?: string; limit: number }) {
  const filters = [eq(pickupStations.active, true)];
  if (query.country) filters.push(eq(pickupStations.country, query.country));
  const rows = (
    await orm(db)
      .select()
      .from(pickupStations)
      .where(and(...filters))
      .all()
  ).filter((r) => !query.city || r.city.toLowerCase() === query.city.toLowerCase());
  if (!query.near) {
    rows.sort((a, b) => a.city.localeCompare(b.city) || a.name.localeCompare(b.name));
    return { items: rows.slice(0, query.limit).map((r) => stationView(r)) };
  }
  const [lat, lng] = query.near.split(',').map(Number);
  return {
    items: rows
      .map((r) => ({ r, d: distanceKm({ lat, lng }, r) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, query.limit)
      .map(({ r, d }) => stationView(r, d)),
  };
}

export async function findStation(db: D1Database, id: string): Promise<PickupStationView | null> {
  const row = await orm(db).select().from(pickupStations).where(eq(pickupStations.id, id)).get();
  return row ? stationView(row) : null;
}

export async function getStation(db: D1Database, id: string): Promise<PickupStationView> {
  const station = await findStation(db, id);
  if (!station) throw new AppError('not_found', `No pickup station ${id}`);
  return station;
}

export async function createStation(db: D1Database, body: z.infer<typeof NewStationBody>, actor: string, now = Date.now()) {
  const id = newId('pks', now);
  const insert = orm(db)
    .insert(pickupStations)
    .values({
      id,
      country: body.country,
      city: body.city,
      name: body.name,
      landmark: body.landmark,
      openingHours: JSON.stringify(body.openingHours),
      capacity: body.capacity,
      lat: body.location.lat,
      lng: body.location.lng,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  await runAudited(db, insert, { actor, action: 'station.open', target: id, detail: { name: body.name, city: body.city } }, now);
  return getStation(db, id);
}

/** Changes what was sent; `active: false` closes the station (it stays for shipments already bound to it). */
export async function updateStation(
  db: D1Database,
  id: string,
  patch: z.infer<typeof StationPatchBody>,
  actor: string,
  now = Date.now(),
) {
  const { location, openingHours, ...rest } = patch;
  const update = orm(db)
    .update(pickupStations)
    .set({
      ...rest,
      ...(location ? { lat: location.lat, lng: location.lng } : {}),
      ...(openingHours ? { openingHours: JSON.stringify(openingHours) } : {}),
      updatedAt: now,
    })
    .where(eq(pickupStations.id, id));
  const result = await runAudited(
    db,
    update,
    {
      actor,
      action: patch.active === false ? 'station.close' : 'station.change',
      target: id,
      detail: { fields: Object.keys(patch) },
    },
    now,
    existsGuard(
      orm(db)
        .select({ one: sql`1` })
        .from(pickupStations)
        .where(and(eq(pickupStations.id, id), eq(pickupStations.updatedAt, now))),
    ),
  );
  if (result.meta.changes === 0) throw new AppError('not_found', `No pickup station ${id}`);
  return getStation(db, id);
}

/** Closing is a soft delete: shipments already bound to the station keep their reference. */
export function closeStation(db: D1Database, id: string, actor: string, now = Date.now()) {
  return updateStation(db, id, { active: false }, actor, now);
}

/** Posts a station agent to a station (a move replaces the post), with the admin's audit row in the same batch. */
export async function postStationAgent(db: D1Database, userId: string, stationId: string, actor: string, now = Date.now()) {
  await getStation(db, stationId);
  await runAudited(
    db,
    orm(db)
      .insert(stationAgents)
      .values({ userId, stationId, assignedAt: now })
      .onConflictDoUpdate({
        target: stationAgents.userId,
        set: { stationId: sql`excluded.station_id`, assignedAt: sql`excluded.assigned_at` },
      }),
    { actor, action: 'station.post_agent', target: userId, detail: { stationId } },
    now,
  );
}
