import { z } from 'zod';

/** What a service's health reports of its event plumbing: unsent outbox rows and kept dead letters. */
export const Backlog = z.object({
  outboxUnsent: z.number().int().nonnegative(),
  /** Age of the oldest unsent outbox row (0 when none): a stuck relay shows here first. */
  oldestUnsentMs: z.number().nonnegative(),
  deadLetters: z.number().int().nonnegative(),
});
export type Backlog = z.infer<typeof Backlog>;

/**
 * Reads the backlog from the shared tables in one round trip. A service without one of them
 * (identity keeps no dead letters) reports 0 for it rather than failing its health check.
 */
export async function backlog(db: D1Database, now = Date.now()): Promise<Backlog> {
  const tables = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('outbox', 'dead_letters')")
    .all<{ name: string }>();
  const has = new Set(tables.results.map((t) => t.name));
  const outbox = has.has('outbox')
    ? await db
        .prepare('SELECT COUNT(*) AS unsent, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL')
        .first<{ unsent: number; oldest: number | null }>()
    : null;
  const dead = has.has('dead_letters') ? await db.prepare('SELECT COUNT(*) AS n FROM dead_letters').first<number>('n') : 0;
  return {
    outboxUnsent: outbox?.unsent ?? 0,
    oldestUnsentMs: outbox?.oldest ? Math.max(0, now - outbox.oldest) : 0,
    deadLetters: dead ?? 0,
  };
}
