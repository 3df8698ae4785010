import { Backlog } from '@linked-all/events';
import { traced, withDeadline } from '@linked-all/http';
import { z } from 'zod';

/** One service's answer: reachable within the deadline, and its event backlog when it reports one. */
export const ServiceHealth = z.object({
  ok: z.boolean(),
  ms: z.number(),
  error: z.string().optional(),
  backlog: Backlog.optional(),
});
export type ServiceHealth = z.infer<typeof ServiceHealth>;

/** The answer of GET /v1/health: per service, plus the queues' totals across services. */
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  services: z.record(z.string(), ServiceHealth),
  queues: z.object({ outboxUnsent: z.number().int(), oldestUnsentMs: z.number(), deadLetters: z.number().int() }),
});

/** Asks each service for its health over RPC, each with a deadline, so one slow service cannot hang the check. */
export async function serviceHealth(env: GatewayEnv): Promise<Record<string, ServiceHealth>> {
  const checks = {
    catalog: () => traced(env.CATALOG).health(),
    identity: () => traced(env.IDENTITY).health(),
    payments: () => traced(env.PAYMENTS).health(),
    orders: () => traced(env.ORDERS).health(),
    logistics: () => traced(env.LOGISTICS).health(),
    notifications: () => traced(env.NOTIFICATIONS).health(),
    media: () => traced(env.MEDIA).health(),
  };
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, ServiceHealth]> => {
      const started = Date.now();
      try {
        // A deadline but no breaker: the health check reports the state, it must not change it.
        const answer: unknown = await withDeadline(name, 2_000, async () => check());
        const backlog = Backlog.safeParse(answer);
        return [name, { ok: true, ms: Date.now() - started, ...(backlog.success ? { backlog: backlog.data } : {}) }];
      } catch (err) {
        return [name, { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) }];
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** GET /v1/health's answer: every service, and the outbox backlog and dead letters summed across them. */
export async function healthReport(env: GatewayEnv): Promise<z.infer<typeof Health>> {
  const services = await serviceHealth(env);
  const all = Object.values(services);
  return {
    status: all.every((s) => s.ok) ? 'ok' : 'degraded',
    services,
    queues: {
      outboxUnsent: all.reduce((n, s) => n + (s.backlog?.outboxUnsent ?? 0), 0),
      oldestUnsentMs: Math.max(0, ...all.map((s) => s.backlog?.oldestUnsentMs ?? 0)),
      deadLetters: all.reduce((n, s) => n + (s.backlog?.deadLetters ?? 0), 0),
    },
  };
}

/**
 * Readiness for deploy checks: every service answers within its deadline. A backlog is reported by
 * /v1/health but never makes a fresh deploy "not ready" (it drains after the deploy, not before).
 */
export async function readiness(env: GatewayEnv): Promise<{ ready: boolean; services: Record<string, boolean> }> {
  const services = await serviceHealth(env);
  return {
    ready: Object.values(services).every((s) => s.ok),
    services: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.ok])),
  };
}
