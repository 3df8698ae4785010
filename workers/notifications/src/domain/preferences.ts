import { eq, sql } from 'drizzle-orm';
import type { Preferences } from '../../contract/schemas';
import { orm } from '../db/orm';
import { preferences } from '../db/schema';

/** What a user gets when they never said: every channel, no marketing, no quiet hours. */
export const DEFAULT_PREFERENCES: Preferences = {
  sms: true,
  email: true,
  push: true,
  marketing: false,
  quietHours: null,
  utcOffsetMinutes: 0,
};

export async function readPreferences(db: D1Database, userId: string): Promise<Preferences> {
  const row = await orm(db).select().from(preferences).where(eq(preferences.userId, userId)).get();
  if (!row) return DEFAULT_PREFERENCES;
  return {
    sms: row.sms === 1,
    email: row.email === 1,
    push: row.push === 1,
    marketing: row.marketing === 1,
    quietHours: row.quietStart !== null && row.quietEnd !== null ? { start: row.quietStart, end: row.quietEnd } : null,
    utcOffsetMinutes: row.utcOffset,
  };
}

/** Replaces the user's preferences (PUT: the whole document). */
export async function writePreferences(db: D1Database, userId: string, p: Preferences, now = Date.now()): Promise<Preferences> {
  await orm(db)
    .insert(preferences)
    .values({
      userId,
      sms: Number(p.sms),
      email: Number(p.email),
      push: Number(p.push),
      marketing: Number(p.marketing),
      quietStart: p.quietHours?.start ?? null,
      quietEnd: p.quietHours?.end ?? null,
      utcOffset: p.utcOffsetMinutes,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: preferences.userId,
      set: {
        sms: sql`excluded.sms`,
        email: sql`excluded.email`,
        push: sql`excluded.push`,
        marketing: sql`excluded.marketing`,
        quietStart: sql`excluded.quiet_start`,
        quietEnd: sql`excluded.quiet_end`,
        utcOffset: sql`excluded.utc_offset`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
  return p;
}
