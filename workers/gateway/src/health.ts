import { withDeadline } from '@linked-all/http';

/** Asks each service for its health over RPC, each with a deadline, so one slow service cannot hang the check. */
export type ServiceHealth = { ok: boolean; ms: number; error?: string };

export async function serviceHealth(env: GatewayEnv): Promise<Record<string, ServiceHealth>> {
  const checks = {
    catalog: () => env.CATALOG.health(),
    identity: () => env.IDENTITY.health(),
    payments: () => env.PAYMENTS.health(),
    orders: () => env.ORDERS.health(),
    logistics: () => env.LOGISTICS.health(),
    notifications: () => env.NOTIFICATIONS.health(),
  };
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = Date.now();
      try {
        // A deadline but no breaker: the health check reports the state, it must not change it.
        await withDeadline(name, 2_000, async () => check());
        return [name, { ok: true, ms: Date.now() - started }] as const;
      } catch (err) {
        return [name, { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
