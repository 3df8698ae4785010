import type { Preferences } from '../../contract/schemas';

/** What a user gets when they never said: every channel, no marketing, no quiet hours. */
export const DEFAULT_PREFERENCES: Preferences = {
  sms: true,
  email: true,
  push: true,
  marketing: false,
  quietHours: null,
  utcOffsetMinutes: 0,
};

type Row = {
  sms: number;
  email: number;
  push: number;
  marketing: number;
  quiet_start: number | null;
  quiet_end: number | null;
  utc_offset: number;
};

export async function readPreferences(db: D1Database, userId: string): Promise<Preferences> {
  const row = await db
    .prepare('SELECT sms, email, push, marketing, quiet_start, quiet_end, utc_offset FROM preferences WHERE user_id = ?')
    .bind(userId)
    .first<Row>();
  if (!row) return DEFAULT_PREFERENCES;
  return {
    sms: row.sms === 1,
    email: row.email === 1,
    push: row.push === 1,
    marketing: row.marketing === 1,
    quietHours: row.quiet_start !== null && row.quiet_end !== null ? { start: row.quiet_start, end: row.quiet_end } : null,
    utcOffsetMinutes: row.utc_offset,
  };
}

/** Replaces the user's preferences (PUT: the whole document). */
export async function writePreferences(db: D1Database, userId: string, p: Preferences, now = Date.now()): Promise<Preferences> {
  await db
    .prepare(
      `INSERT INTO preferences (user_id, sms, email, push, marketing, quiet_start, quiet_end, utc_offset, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET sms = excluded.sms, email = excluded.email, push = excluded.push,
         marketing = excluded.marketing, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
         utc_offset = excluded.utc_offset, updated_at = excluded.updated_at`,
    )
    .bind(
      userId,
      Number(p.sms),
      Number(p.email),
      Number(p.push),
      Number(p.marketing),
      p.quietHours?.start ?? null,
      p.quietHours?.end ?? null,
      p.utcOffsetMinutes,
      now,
    )
    .run();
  return p;
}
