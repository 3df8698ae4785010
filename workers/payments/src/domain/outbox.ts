import type { EventDefinition } from '@linked-all/events';
import { uuidv7 } from '@linked-all/http';
import type { z } from 'zod';

/**
 * Like `outboxStatement` of @linked-all/events, but the row is written only if the journal
 * entry `entryId` exists, so an event goes out iff its money moved, and a retried
 * operation (whose entry is not new) publishes nothing twice.
 */
export function outboxWhenPosted<D extends EventDefinition>(
  db: D1Database,
  definition: D,
  data: z.input<D['data']>,
  entryId: string,
  now = Date.now(),
): D1PreparedStatement {
  const event = definition.envelope.parse({
    id: uuidv7(now),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date(now).toISOString(),
    data,
  });
  return db
    .prepare(
      `INSERT INTO outbox (id, type, body, created_at)
       SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)`,
    )
    .bind(event.id, event.type, JSON.stringify(event), now, entryId);
}
