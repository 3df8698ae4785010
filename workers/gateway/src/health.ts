/** Asks each service for its health over RPC, each with a deadline, so one slow service cannot hang the check. */
export type ServiceHealth = { ok: boolean; ms: number; error?: string };

export async function serviceHealth(env: GatewayEnv): Promise<Record<string, ServiceHealth>> {
  const checks = {
    catalog: () => env.CATALOG.health(),
    identity: () => env.IDENTITY.health(),
    payments: () => env.PAYMENTS.health(),
    orders: () => env.ORDERS.health(),
    logistics: () => env.LOGISTICS.health(),
  };
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = Date.now();
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2000 ms')), 2000)),
        ]);
        return [name, { ok: true, ms: Date.now() - started }] as const;
      } catch (err) {
        return [name, { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
