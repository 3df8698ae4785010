import { uuidv7 } from '@linked-all/http';
import { z } from 'zod';
import type { OutboxGuard } from './outbox';

// The operators' audit log. Each service keeps its own `admin_audit` table (shared DDL in
// shared-tables.ts) and writes a row in the SAME D1 batch as the admin write it records: the
// action and its row land together or not at all. The console merges every service's rows.

/** Why an admin did something: required for refunds, suspensions, hides and locks. */
export const AuditReason = z.string().trim().min(3).max(500);

/** An action is `<thing>.<verb>` (`vendor.approve`, `product.hide`, `order.refund`). */
export const AuditAction = z.string().regex(/^[a-z_]+\.[a-z_]+$/);

/** One admin write, as the service that performed it records it. */
export type AuditRecord = {
  /** The admin's user id (`usr_…`). */
  actor: string;
  action: z.infer<typeof AuditAction>;
  /** The id of what was acted on (`vnd_…`, `prd_…`, a vendor order, a dead letter…). */
  target: string;
  reason?: string | null;
  /** Small facts worth keeping (an amount, the new rules); never whole rows or personal data. */
  detail?: Record<string, unknown>;
};

/**
 * The audit row of an admin write, to put in the same `batch()` as the write. With `when` (a
 * condition checked inside the batch, like the outbox's guard) the row is written only if the
 * write landed, so a refused or lost race leaves no row that claims it happened.
 */
export function auditStatement(
  db: D1Database,
  record: AuditRecord,
  context: { now?: number; when?: OutboxGuard } = {},
): D1PreparedStatement {
  const now = context.now ?? Date.now();
  const row = [
    uuidv7(now),
    record.actor,
    AuditAction.parse(record.action),
    record.target,
    record.reason ?? null,
    record.detail ? JSON.stringify(record.detail) : null,
    now,
  ];
  const columns = 'INSERT INTO admin_audit (id, actor, action, target, reason, detail, created_at)';
  if (!context.when) return db.prepare(`${columns} VALUES (?, ?, ?, ?, ?, ?, ?)`).bind(...row);
  return db.prepare(`${columns} SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${context.when.sql}`).bind(...row, ...context.when.args);
}

/** The console's filter: every field optional; `action` matches one action (`vendor.approve`) or a family (`vendor`). */
export const AuditQuery = z.object({
  actor: z.string().trim().min(1).max(64).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/)
    .optional(),
  target: z.string().trim().min(1).max(64).optional(),
  /** Inclusive bounds, as dates (`2026-12-03`) or instants. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One audit row as the console shows it. */
export const AuditEntry = z.object({
  id: z.string(),
  service: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  reason: z.string().nullable(),
  /** The record's detail as JSON text (plain data crosses RPC as is). */
  detail: z.string().nullable(),
  at: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

type AuditRow = {
  id: string;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
  detail: string | null;
  created_at: number;
};

/** A service's audit rows matching `query`, newest first. */
export async function listAudit(db: D1Database, service: string, query: z.input<typeof AuditQuery>): Promise<AuditEntry[]> {
  const q = AuditQuery.parse(query);
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.actor) {
    where.push('actor = ?');
    args.push(q.actor);
  }
  if (q.action) {
    where.push(q.action.includes('.') ? 'action = ?' : "action LIKE ? || '.%'");
    args.push(q.action);
  }
  if (q.target) {
    where.push('target = ?');
    args.push(q.target);
  }
  if (q.from) {
    where.push('created_at >= ?');
    args.push(q.from.getTime());
  }
  if (q.to) {
    where.push('created_at <= ?');
    // A bare date means the whole of that day.
    args.push(q.to.getTime() + (q.to.getUTCHours() === 0 && q.to.getUTCMinutes() === 0 ? 86_399_999 : 0));
  }
  const { results } = await db
    .prepare(
      `SELECT * FROM admin_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(...args, q.limit)
    .all<AuditRow>();
  return results.map((r) => ({
    id: r.id,
    service,
    actor: r.actor,
    action: r.action,
    target: r.target,
    reason: r.reason,
    detail: r.detail,
    at: new Date(r.created_at).toISOString(),
  }));
}
