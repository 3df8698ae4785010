import { type EventDefinition, outboxStatement } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import type { z } from 'zod';
import { RETURN_MOVES, type ReturnStatus } from '../../contract';

/** "This call's move of the return is the one that landed": the guard of its audit row and event. */
export function returnGuard(returnId: string, transitionId: string) {
  return { sql: 'EXISTS (SELECT 1 FROM returns WHERE id = ? AND last_transition_id = ?)', args: [returnId, transitionId] };
}

type ReturnMove<D extends EventDefinition> = {
  returnId: string;
  to: ReturnStatus;
  actor: string;
  reason?: string;
  /** Extra `column = ?` assignments of the same UPDATE. */
  set?: Record<string, unknown>;
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
  const row = await db.prepare('SELECT status FROM returns WHERE id = ?').bind(move.returnId).first<{ status: ReturnStatus }>();
  if (!row) throw new AppError('not_found', `No return ${move.returnId}`);
  if (row.status === move.to) return { applied: false };
  if (!RETURN_MOVES[row.status].includes(move.to)) throw invalidReturnMove(row.status, move.to);
  const transitionId = newId('rtr', now);
  const guard = returnGuard(move.returnId, transitionId);
  const extra = Object.entries(move.set ?? {});
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE returns SET status = ?, last_transition_id = ?, updated_at = ?${extra.map(([c]) => `, ${c} = ?`).join('')}
         WHERE id = ? AND status = ?`,
      )
      .bind(move.to, transitionId, now, ...extra.map(([, v]) => v), move.returnId, row.status),
    db
      .prepare(
        `INSERT INTO return_transitions (id, return_id, from_status, to_status, actor, reason, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
      )
      .bind(transitionId, move.returnId, row.status, move.to, move.actor, move.reason ?? null, now, ...guard.args),
    outboxStatement(db, move.event, move.data, { now, when: guard }),
  ]);
  if (update.meta.changes === 1) return { applied: true };
  const after = await db.prepare('SELECT status FROM returns WHERE id = ?').bind(move.returnId).first<{ status: ReturnStatus }>();
  if (after?.status === move.to) return { applied: false };
  throw invalidReturnMove(after?.status ?? row.status, move.to);
}

export function invalidReturnMove(from: ReturnStatus, to: ReturnStatus): AppError {
  return new AppError('invalid_transition', `The return is ${from} and cannot become ${to}`, { from, to });
}
