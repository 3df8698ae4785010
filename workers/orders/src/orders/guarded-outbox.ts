import type { EventDefinition } from '@linked-all/events';
import { uuidv7 } from '@linked-all/http';
import type { z } from 'zod';

/** A SQL condition and its binds: "this call's change is the one that landed". */
export type Guard = { sql: string; args: unknown[] };

/** The row `table` carries `transitionId` as its last transition: true only for the call that applied it. */
export function appliedGuard(table: 'orders' | 'vendor_orders', id: string, transitionId: string): Guard {
  return { sql: `EXISTS (SELECT 1 FROM ${table} WHERE id = ? AND last_transition_id = ?)`, args: [id, transitionId] };
}

/**
 * Like `outboxStatement` of @linked-all/events, but the row is written only when `guard` holds
 * in the same batch, so a transition that lost a race (or a retried one) publishes nothing.
 */
export function guardedOutbox<D extends EventDefinition>(
  db: D1Database,
  definition: D,
  data: z.input<D['data']>,
  guard: Guard,
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
    .prepare(`INSERT INTO outbox (id, type, body, created_at) SELECT ?, ?, ?, ? WHERE ${guard.sql}`)
    .bind(event.id, event.type, JSON.stringify(event), now, ...guard.args);
}
