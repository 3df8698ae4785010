import { requireRoleOf } from '@linked-all/auth';
import { AppError, describe, FAULT_MODES, FAULT_SWITCH_PATH, faultsAllowed, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayApp } from '../env';
import { bindingOf, SERVICE_NAMES } from '../service-deadlines';

const FaultTarget = z.object({ service: z.enum(SERVICE_NAMES) });
const FaultBody = z.strictObject({ mode: z.enum(FAULT_MODES) });

/**
 * The chaos tests' fault switch (development and test only, admins only): makes one service fail
 * or hang on every call, HTTP and RPC, until switched `off`. In any other environment the route
 * does not exist, and the services refuse the switch themselves too.
 */
export const devFaultRoutes = new Hono<GatewayApp>().put(
  '/dev/faults/:service',
  describe({ summary: 'Make a service fail or hang on every call (development and test only)', tags: ['dev'], auth: 'admin' }),
  validate('param', FaultTarget),
  validate('json', FaultBody),
  async (c) => {
    if (!faultsAllowed(c.env)) throw new AppError('route_not_found', `No route matches ${c.req.method} ${c.req.path}`);
    requireRoleOf(c.get('principal'), 'admin');
    const { service } = c.req.valid('param');
    const { mode } = c.req.valid('json');
    // Straight to the service, past its breaker: a broken service must stay reachable to be mended.
    const answer = await bindingOf(c.env, service).fetch(
      new Request(`https://service.internal${FAULT_SWITCH_PATH}`, { method: 'PUT', body: JSON.stringify({ mode }) }),
    );
    if (!answer.ok) throw new AppError('upstream_unavailable', `${service} refused the fault switch (${answer.status})`);
    c.header('cache-control', 'no-store');
    return c.json({ service, mode });
  },
);
