import { type AuditRecord, auditStatement } from '@linked-all/events';

/** A drizzle query, or a prepared statement: what an admin write is made of. */
type Write = D1PreparedStatement | { toSQL(): { sql: string; params: unknown[] } };

/**
 * Runs an admin write and its audit row in ONE D1 batch, so neither lands without the other.
 * With `changed`, the row is written only when the write changed something (a refused write
 * leaves no row claiming it happened). Answers the write's own result.
 */
export async function runAudited(
  db: D1Database,
  write: Write,
  record: AuditRecord,
  now: number,
  changed?: { sql: string; args: unknown[] },
): Promise<D1Result> {
  const statement = 'toSQL' in write ? db.prepare(write.toSQL().sql).bind(...write.toSQL().params) : write;
  const [result] = await db.batch([statement, auditStatement(db, record, { now, when: changed })]);
  return result;
}
