import { callerOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { PaymentOptionsQuery, PaymentOptionsView, WalletView } from '../../contract';
import { walletOf } from '../domain/balances';
import { paymentOptions } from '../domain/payment-options';
import type { PaymentsApp } from '../env';

// The wallet is always the caller's own: there is no id to put in the path, so no way to ask for another's.
export const walletRoutes = new Hono<PaymentsApp>()
  .use(async (c, next) => {
    callerOf(c.get('principal'));
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .get(
    '/',
    describe({
      summary: 'My wallet: balances per currency and the last 20 movements',
      auth: 'any',
      tags: ['wallet'],
      response: WalletView,
    }),
    async (c) => c.json(await walletOf(c.env.DB, callerOf(c.get('principal')).userId, 20)),
  )
  .get(
    '/payment-options',
    describe({
      summary: 'How I can pay an order of this amount, currency and delivery country, and why any way is unavailable',
      auth: 'any',
      tags: ['wallet'],
      response: PaymentOptionsView,
    }),
    validate('query', PaymentOptionsQuery),
    async (c) => c.json(await paymentOptions(c.env.DB, { userId: callerOf(c.get('principal')).userId, ...c.req.valid('query') })),
  );
