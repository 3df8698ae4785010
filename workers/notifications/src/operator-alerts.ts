import { log, newId, traced } from '@linked-all/http';
import { z } from 'zod';
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
      const opened = await env.DB.prepare(
        `INSERT INTO operator_alerts (id, rule, threshold, value, fired_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (rule) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
      )
        .bind(newId('alr', now), v.rule, v.threshold, v.value, now)
        .first<{ id: string }>();
      if (opened) changes.push({ id: opened.id, rule: v.rule, state: 'firing', value: v.value, threshold: v.threshold });
    } else {
      const resolved = await env.DB.prepare(
        'UPDATE operator_alerts SET resolved_at = ?, resolved_value = ? WHERE rule = ? AND resolved_at IS NULL RETURNING id',
      )
        .bind(now, v.value, v.rule)
        .first<{ id: string }>();
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
  const { results } = await db
    .prepare(
      `SELECT id, rule, threshold, value, resolved_value AS resolvedValue, fired_at AS firedAt, resolved_at AS resolvedAt
       FROM operator_alerts ORDER BY resolved_at IS NOT NULL, fired_at DESC, id DESC LIMIT ?`,
    )
    .bind(limit)
    .all<Omit<OperatorAlert, 'firedAt' | 'resolvedAt'> & { firedAt: number; resolvedAt: number | null }>();
  return results.map((r) => ({
    ...r,
    firedAt: new Date(r.firedAt).toISOString(),
    resolvedAt: r.resolvedAt === null ? null : new Date(r.resolvedAt).toISOString(),
  }));
}
