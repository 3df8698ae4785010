import { callerOf } from '@linked-all/auth';
import { AppError, describe, idempotency, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { TopUpAccepted, TopUpBody, TopUpParams, TopUpView } from '../../contract';
import { relayPaymentsOutbox } from '../domain/relay';
import { findCharge } from '../domain/topups';
import type { PaymentsApp } from '../env';
import { initiateCharge } from '../providers/initiate';

// Which refusals are the shopper's input (400, naming the field) and which are the provider's answer.
const FIELD_OF = { unsupported_currency: 'currency', amount_out_of_range: 'amount', invalid_phone: 'phone' } as const;

export const topUpRoutes = new Hono<PaymentsApp>()
  .use(async (c, next) => {
    callerOf(c.get('principal'));
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .post(
    '/',
    describe({
      summary: 'Top up my wallet through a mobile-money or card provider; credited when the provider confirms',
      auth: 'any',
      tags: ['wallet'],
      status: 202,
      response: TopUpAccepted,
      problems: ['conflict', 'idempotency_conflict', 'upstream_unavailable'],
    }),
    // A retried tap on "Top up" must not push a second STK prompt to the shopper's phone.
    idempotency<PaymentsApp>({ db: (c) => c.env.DB, scope: (c) => callerOf(c.get('principal')).userId }),
    validate('json', TopUpBody),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const input = c.req.valid('json');
      const result = await initiateCharge(c.env, { userId, ...input });
      // payment.initiated (and payment.failed on a refusal) leave now rather than at the next cron.
      c.executionCtx.waitUntil(relayPaymentsOutbox(c.env));
      if (!result.ok) {
        if (result.reason === 'provider_unavailable') throw new AppError('upstream_unavailable', result.detail);
        if (result.reason === 'provider_refused') throw new AppError('conflict', result.detail, { reason: result.reason });
        throw new AppError('validation_failed', result.detail, {
          errors: [{ path: FIELD_OF[result.reason], message: result.detail }],
        });
      }
      const { charge, instructions } = result;
      return c.json(
        {
          topUpId: charge.id,
          status: 'pending' as const,
          provider: charge.provider,
          amount: charge.amount,
          currency: charge.currency,
          instructions,
        },
        202,
      );
    },
  )
  .get(
    '/:topUpId',
    describe({
      summary: 'One of my top-ups and its status',
      auth: 'any',
      tags: ['wallet'],
      response: TopUpView,
      problems: ['not_found'],
    }),
    validate('param', TopUpParams),
    async (c) => {
      const { userId } = callerOf(c.get('principal'));
      const charge = await findCharge(c.env.DB, c.req.valid('param').topUpId);
      // Another shopper's top-up is answered exactly like one that does not exist.
      if (!charge || charge.userId !== userId) throw new AppError('not_found', 'No such top-up');
      return c.json({
        topUpId: charge.id,
        status: charge.status,
        provider: charge.provider,
        amount: charge.amount,
        currency: charge.currency,
        orderId: charge.orderId,
        createdAt: new Date(charge.createdAt).toISOString(),
      });
    },
  );
