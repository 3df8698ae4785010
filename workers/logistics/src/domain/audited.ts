import { statement } from '@linked-all/db';
import { type AuditRecord, auditStatement } from '@linked-all/events';

/**
 * Runs an admin write (a drizzle query) and its audit row in ONE D1 batch, so neither lands
 * without the other. With `changed`, the row is written only when the write changed something (a
 * refused write leaves no row claiming it happened). Answers the write's own result.
 */
export async function runAudited(
  db: D1Database,
  write: Parameters<typeof statement>[1],
  record: AuditRecord,
  now: number,
  changed?: { sql: string; args: unknown[] },
): Promise<D1Result> {
  const [result] = await db.batch([statement(db, write), auditStatement(db, record, { now, when: changed })]);
  return result;
}
