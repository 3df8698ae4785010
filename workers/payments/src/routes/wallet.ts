import { callerOf } from '@linked-all/auth';
import { describe } from '@linked-all/http';
import { Hono } from 'hono';
import { WalletView } from '../../contract';
import { walletOf } from '../domain/balances';
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
  );
