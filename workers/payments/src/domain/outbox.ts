import { type EventDefinition, outboxStatement } from '@linked-all/events';
import type { z } from 'zod';

/**
 * An outbox row written only if the journal entry `entryId` exists, so an event goes out iff its
 * money moved, and a retried operation (whose entry is not new) publishes nothing twice.
 */
export function outboxWhenPosted<D extends EventDefinition>(
  db: D1Database,
  definition: D,
  data: z.input<D['data']>,
  entryId: string,
  now = Date.now(),
): D1PreparedStatement {
  return outboxStatement(db, definition, data, {
    now,
    when: { sql: 'EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)', args: [entryId] },
  });
}
