import { bound, insertWhere, statement } from '@linked-all/db';
import { type EventDefinition, outboxStatement } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { RETURN_MOVES, type ReturnStatus } from '../../contract';
import { orm } from '../db/orm';
import { returns, returnTransitions } from '../db/schema';

/** "This call's move of the return is the one that landed": the guard of its audit row and event. */
export function returnGuard(returnId: string, transitionId: string) {
  return { sql: 'EXISTS (SELECT 1 FROM returns WHERE id = ? AND last_transition_id = ?)', args: [returnId, transitionId] };
}

type ReturnMove<D extends EventDefinition> = {
  returnId: string;
  to: ReturnStatus;
  actor: string;
  reason?: string;
  /** Extra assignments of the same UPDATE. */
  set?: Partial<typeof returns.$inferInsert>;
  event: D;
  data: z.input<D['data']>;
  now?: number;
};

/**
 * Moves a return in one batch: the conditional UPDATE (`WHERE status = <the status just read>`),
 * its audit row and its outbox event, the last two only if this call's UPDATE applied. A repeated
 * or concurrent move applies once (the loser answers `applied: false`); an illegal one is 409.
 */
export async function moveReturn<D extends EventDefinition>(db: D1Database, move: ReturnMove<D>): Promise<{ applied: boolean }> {
  const now = move.now ?? Date.now();
  const row = await returnStatus(db, move.returnId);
  if (!row) throw new AppError('not_found', `No return ${move.returnId}`);
  if (row.status === move.to) return { applied: false };
  if (!RETURN_MOVES[row.status].includes(move.to)) throw invalidReturnMove(row.status, move.to);
  const transitionId = newId('rtr', now);
  const guard = returnGuard(move.returnId, transitionId);
  const [update] = await db.batch([
    statement(
      db,
      orm(db)
        .update(returns)
        .set({ status: move.to, lastTransitionId: transitionId, updatedAt: now, ...move.set })
        .where(and(eq(returns.id, move.returnId), eq(returns.status, row.status))),
    ),
    statement(
      db,
      insertWhere(
        db,
        returnTransitions,
        {
          id: transitionId,
          returnId: move.returnId,
          fromStatus: row.status,
          toStatus: move.to,
          actor: move.actor,
          reason: move.reason ?? null,
          createdAt: now,
        },
        bound(guard),
      ),
    ),
    outboxStatement(db, move.event, move.data, { now, when: guard }),
  ]);
  if (update.meta.changes === 1) return { applied: true };
  const after = await returnStatus(db, move.returnId);
  if (after?.status === move.to) return { applied: false };
  throw invalidReturnMove(after?.status ?? row.status, move.to);
}

const returnStatus = (db: D1Database, returnId: string) =>
  orm(db).select({ status: returns.status }).from(returns).where(eq(returns.id, returnId)).get();

export function invalidReturnMove(from: ReturnStatus, to: ReturnStatus): AppError {
  return new AppError('invalid_transition', `The return is ${from} and cannot become ${to}`, { from, to });
}
