import { AppError, describe, log, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { relayPaymentsOutbox } from '../domain/relay';
import type { PaymentsApp } from '../env';
import { B2CResult } from './b2c';
import { applyB2CResult, payoutByToken } from './payouts';

const TokenParam = z.object({ token: z.string().regex(/^[0-9a-f]{48}$/) }).strict();

/** Finds the payout a callback URL names; an unknown token is a 404 and nothing is read further. */
async function payoutOf(db: D1Database, token: string) {
  const payout = await payoutByToken(db, token);
  if (!payout) throw new AppError('not_found', 'No payout has this callback');
  return payout;
}

// M-Pesa's B2C callbacks are unsigned: the unguessable token in the URL (one per payout) is
// what proves the caller is the provider we sent it to.
export const payoutResultRoutes = new Hono<PaymentsApp>()
  .post(
    '/mpesa-b2c/:token/result',
    describe({
      summary: 'M-Pesa B2C result for a payout',
      tags: ['webhooks'],
      response: z.object({ received: z.literal(true) }),
      problems: ['not_found'],
    }),
    validate('param', TokenParam),
    validate('json', B2CResult),
    async (c) => {
      const payout = await payoutOf(c.env.DB, c.req.valid('param').token);
      await applyB2CResult({ db: c.env.DB }, payout, c.req.valid('json'));
      c.executionCtx.waitUntil(relayPaymentsOutbox(c.env));
      return c.json({ received: true as const });
    },
  )
  .post(
    '/mpesa-b2c/:token/timeout',
    describe({
      summary: 'M-Pesa B2C queue timeout for a payout',
      tags: ['webhooks'],
      response: z.object({ received: z.literal(true) }),
      problems: ['not_found'],
    }),
    validate('param', TokenParam),
    async (c) => {
      const payout = await payoutOf(c.env.DB, c.req.valid('param').token);
      // Not final: the request may still be processed. The payout stays submitted until a result comes.
      log('warn', 'M-Pesa B2C request timed out in its queue', { payoutId: payout.id });
      return c.json({ received: true as const });
    },
  );
