import { type EventDefinition, type OutboxGuard, outboxStatement } from '@linked-all/events';
import type { z } from 'zod';

/** A SQL condition and its binds: "this call's change is the one that landed". */
export type Guard = OutboxGuard;

/** The row `table` carries `transitionId` as its last transition: true only for the call that applied it. */
export function appliedGuard(table: 'orders' | 'vendor_orders', id: string, transitionId: string): Guard {
  return { sql: `EXISTS (SELECT 1 FROM ${table} WHERE id = ? AND last_transition_id = ?)`, args: [id, transitionId] };
}

/** An outbox row written only when `guard` holds in the same batch: a transition that lost a race publishes nothing. */
export function guardedOutbox<D extends EventDefinition>(
  db: D1Database,
  definition: D,
  data: z.input<D['data']>,
  guard: Guard,
  now = Date.now(),
): D1PreparedStatement {
  return outboxStatement(db, definition, data, { now, when: guard });
}
