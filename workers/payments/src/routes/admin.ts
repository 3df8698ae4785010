import { requireRoleOf } from '@linked-all/auth';
import { describe } from '@linked-all/http';
import { Hono } from 'hono';
import { TrialBalanceView } from '../../contract';
import { trialBalance } from '../domain/balances';
import type { PaymentsApp } from '../env';

export const adminRoutes = new Hono<PaymentsApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .get(
    '/ledger/trial-balance',
    describe({
      summary: 'Per-currency sums of the ledger (zero when balanced) and per-kind account totals',
      auth: 'admin',
      tags: ['admin'],
      response: TrialBalanceView,
      problems: ['forbidden'],
    }),
    async (c) => c.json(await trialBalance(c.env.DB)),
  );
