import { log, newId, traced } from '@linked-all/http';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { orm } from './db/orm';
import { operatorAlerts } from './db/schema';
import { notify } from './domain/notify';

// Operator alerts (issue 15): state changes of the alert rules, recorded once and announced to the
// on-call operators (identity's admins) by SMS and e-mail through the usual cascade, urgent class.

export const AlertVerdict = z.object({
  rule: z.string().regex(/^[a-z0-9_]{1,64}$/),
  firing: z.boolean().nullable(),
  value: z.number().finite(),
  threshold: z.number().finite(),
});
export type AlertVerdict = z.infer<typeof AlertVerdict>;

export type AlertChange = { id: string; rule: string; state: 'firing' | 'resolved'; value: number; threshold: number };

/**
 * Records each rule's verdict: a firing rule without a standing alert opens one, a calm rule with
 * one resolves it, anything else changes nothing. Each change is announced once: the message's
 * source id is the alert id plus its state, so a retried cron run finds the same notification.
 */
export async function recordAlerts(env: NotificationsEnv, verdicts: unknown, now = Date.now()): Promise<AlertChange[]> {
  const parsed = z.array(AlertVerdict).max(50).parse(verdicts);
  const changes: AlertChange[] = [];
  for (const v of parsed) {
    if (v.firing === null) continue;
    if (v.firing) {
      // No conflict target: drizzle writes a target's WHERE after DO NOTHING, which SQLite refuses for the
      // partial index (rule) WHERE resolved_at IS NULL; the only other unique key is the fresh id.
      const opened = await orm(env.DB)
        .insert(operatorAlerts)
        .values({ id: newId('alr', now), rule: v.rule, threshold: v.threshold, value: v.value, firedAt: now })
        .onConflictDoNothing()
        .returning({ id: operatorAlerts.id })
        .get();
      if (opened) changes.push({ id: opened.id, rule: v.rule, state: 'firing', value: v.value, threshold: v.threshold });
    } else {
      const resolved = await orm(env.DB)
        .update(operatorAlerts)
        .set({ resolvedAt: now, resolvedValue: v.value })
        .where(and(eq(operatorAlerts.rule, v.rule), isNull(operatorAlerts.resolvedAt)))
        .returning({ id: operatorAlerts.id })
        .get();
      if (resolved) changes.push({ id: resolved.id, rule: v.rule, state: 'resolved', value: v.value, threshold: v.threshold });
    }
  }
  if (changes.length) await announce(env, changes, now);
  return changes;
}

async function announce(env: NotificationsEnv, changes: AlertChange[], now: number) {
  const operators = await traced(env.IDENTITY).onCallOperators();
  if (!operators.length) log('error', 'alert changed state but nobody is on call', { rules: changes.map((c) => c.rule) });
  for (const change of changes) {
    for (const userId of operators) {
      await notify(
        env,
        `alert:${change.id}:${change.state}`,
        {
          to: { kind: 'user', userId },
          template: change.state === 'firing' ? 'ops.alert.sms.firing' : 'ops.alert.sms.resolved',
          class: 'urgent',
          sms: true,
          params: { rule: change.rule, value: round(change.value), threshold: round(change.threshold) },
        },
        now,
      );
    }
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

export type OperatorAlert = {
  id: string;
  rule: string;
  threshold: number;
  value: number;
  resolvedValue: number | null;
  firedAt: string;
  resolvedAt: string | null;
};

/** The console's alerts: every firing one, then the most recent resolved ones. */
export async function listAlerts(db: D1Database, limit = 50): Promise<OperatorAlert[]> {
  const rows = await orm(db)
    .select()
    .from(operatorAlerts)
    .orderBy(sql`${operatorAlerts.resolvedAt} IS NOT NULL`, desc(operatorAlerts.firedAt), desc(operatorAlerts.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    firedAt: new Date(r.firedAt).toISOString(),
    resolvedAt: r.resolvedAt === null ? null : new Date(r.resolvedAt).toISOString(),
  }));
}
