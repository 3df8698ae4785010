/** The services the gateway calls. Each has its own circuit breaker. */
export const SERVICE_NAMES = ['catalog', 'identity', 'payments', 'orders', 'logistics', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const BINDINGS = {
  catalog: 'CATALOG',
  identity: 'IDENTITY',
  payments: 'PAYMENTS',
  orders: 'ORDERS',
  logistics: 'LOGISTICS',
  notifications: 'NOTIFICATIONS',
} as const satisfies Record<ServiceName, keyof GatewayEnv>;

/**
 * Deadlines of the gateway's calls, in ms. A read answers from D1 in tens of ms, so a few seconds
 * means the service is in trouble; a write may do more (an image resize ~0.5 s, a sign-in's
 * PBKDF2, a checkout's idempotent start), so it gets longer. A missed deadline counts as a failure
 * for the service's circuit breaker. Page data (RPC) uses the read deadline.
 */
export const DEADLINE_MS = { read: 4_000, write: 10_000 } as const;

export function deadlineFor(method: string): number {
  return method === 'GET' || method === 'HEAD' ? DEADLINE_MS.read : DEADLINE_MS.write;
}

/** The binding of a service, for routes that name the service rather than hold its binding. */
export function bindingOf(env: GatewayEnv, name: ServiceName): Fetcher {
  return env[BINDINGS[name]];
}

/** Which service a binding is (breakers are per service), found by identity among this request's bindings. */
export function serviceNameOf(env: GatewayEnv, service: Fetcher): ServiceName {
  const name = SERVICE_NAMES.find((n) => env[BINDINGS[n]] === service);
  if (!name) throw new Error('forwarded to a binding that is not one of the services');
  return name;
}
