import { callerOf, requireRole } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { type Context, Hono } from 'hono';
import { DevActionParams, DevActionQuery, DevActionView, DevReleaseBody, DevReleaseView } from '../../contract';
import { releaseDue } from '../checkout/release';
import { findCharge } from '../domain/topups';
import type { PaymentsApp } from '../env';
import { isSandboxed } from '../providers';
import { actOnSandboxCharge } from '../providers/sandbox';

/** Hands a request to this worker's own app, in-process, exactly as it arrived from outside. */
export type Deliver = (request: Request, env: PaymentsEnv, ctx: Context<PaymentsApp>['executionCtx']) => Promise<Response>;

/**
 * Development/test only: play the shopper at the provider (approve on the phone, decline, let it
 * time out). The sandbox then sends its callback, byte for byte and signed as the provider would,
 * to the real webhook route. Everywhere else these routes do not exist (404).
 */
export function devSandboxRoutes(deliver: Deliver) {
  return new Hono<PaymentsApp>()
    .use(async (c, next) => {
      if (!isSandboxed(c.env)) throw new AppError('route_not_found', `No route for ${c.req.method} ${c.req.path}`);
      return next();
    })
    .post(
      '/payments/release-due',
      describe({
        summary: 'Development only, admin: run the release job as if the clock read asOf (return windows closed by then)',
        auth: 'admin',
        tags: ['dev'],
        response: DevReleaseView,
        problems: ['forbidden'],
      }),
      requireRole('admin'),
      validate('json', DevReleaseBody),
      async (c) => {
        const asOf = new Date(c.req.valid('json').asOf);
        // Batches of 100, like the cron, until nothing due by then is left (bounded: a dev route).
        let released = 0;
        for (let round = 0; round < 50; round++) {
          const batch = await releaseDue({ db: c.env.DB, now: asOf.getTime() });
          released += batch;
          if (batch === 0) break;
        }
        return c.json({ asOf: asOf.toISOString(), released });
      },
    )
    .post(
      '/payments/:paymentId/:action',
      describe({
        summary: 'Sandbox only: approve, decline or time out a pending payment at its provider',
        auth: 'any',
        tags: ['dev'],
        response: DevActionView,
        problems: ['not_found', 'conflict'],
      }),
      validate('param', DevActionParams),
      validate('query', DevActionQuery),
      async (c) => {
        const caller = callerOf(c.get('principal'));
        const { paymentId, action } = c.req.valid('param');
        const charge = await findCharge(c.env.DB, paymentId);
        if (!charge || (charge.userId !== caller.userId && caller.role !== 'admin'))
          throw new AppError('not_found', 'No such payment');
        if (!charge.providerReference) throw new AppError('conflict', 'The provider never accepted this payment');
        const { row, callback } = await actOnSandboxCharge(c.env, charge.provider, charge.providerReference, action);
        let delivered: { status: number } | null = null;
        if (callback && c.req.valid('query').callback === 'send') {
          const response = await deliver(
            new Request(callback.url, { method: callback.method, headers: callback.headers, body: callback.body }),
            c.env,
            c.executionCtx,
          );
          delivered = { status: response.status };
        }
        return c.json({
          paymentId,
          action,
          providerStatus: row.status,
          callback: callback ? { sent: delivered !== null, ...delivered } : null,
        });
      },
    );
}
