import { requireActiveShop, vendorOf } from '@linked-all/auth';
import { AppError, describe, idempotency, validate } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { Hono } from 'hono';
import { z } from 'zod';
import { relayPaymentsOutbox } from '../domain/relay';
import type { PaymentsApp } from '../env';
import { assertPayoutPhoneAllowed } from '../payouts/payout-phone';
import { listPayouts, PayoutListQuery, payoutView, requestPayout } from '../payouts/payouts';
import { StatementQuery, weeklyStatement } from '../payouts/statement';
import { submitPayout } from '../payouts/submit';
import { shopStanding } from '../shop-standing';

const PayoutBody = z
  .object({
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: CurrencyCode,
    phone: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'E.164, e.g. +254712345678')
      .optional(),
  })
  .strict();

export const PayoutView = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: CurrencyCode,
  phone: z.string(),
  provider: z.string(),
  status: z.enum(['requested', 'submitted', 'completed', 'failed']),
  receipt: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

const StatementView = z.object({
  week: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  currencies: z.array(
    z.object({
      currency: CurrencyCode,
      openingPending: z.number().int(),
      openingPayable: z.number().int(),
      grossSales: z.number().int(),
      commission: z.number().int(),
      sales: z.number().int(),
      refunds: z.number().int(),
      releases: z.number().int(),
      payouts: z.number().int(),
      closingPending: z.number().int(),
      closingPayable: z.number().int(),
    }),
  ),
});

const vendorDoc = { auth: 'vendor' as const, tags: ['vendor', 'payouts'], problems: ['forbidden' as const] };

// The vendor is always the token's: no vendor id in any path or body, so there is nothing to
// point at another vendor's balance with.
export const vendorRoutes = new Hono<PaymentsApp>()
  .use(requireActiveShop(shopStanding))
  .use(async (c, next) => {
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .use('/payouts', idempotency<PaymentsApp>({ db: (c) => c.env.DB, scope: (c) => `payout:${vendorOf(c.get('principal'))}` }))
  .post(
    '/payouts',
    describe({
      summary: 'Pay out (part of) my payable balance to M-Pesa (Idempotency-Key required)',
      status: 202,
      response: PayoutView,
      ...vendorDoc,
      problems: ['forbidden', 'conflict'],
    }),
    validate('json', PayoutBody),
    async (c) => {
      // Money leaves here: a retry must be recognisable, so the key is not optional.
      if (!c.req.header('idempotency-key')) {
        throw new AppError('validation_failed', 'Send an Idempotency-Key header with every payout request', {
          errors: [{ path: 'Idempotency-Key', message: 'Required' }],
        });
      }
      const body = c.req.valid('json');
      await assertPayoutPhoneAllowed(c.env, c.get('principal'), body.phone);
      const defer = (work: Promise<unknown>) => c.executionCtx.waitUntil(work);
      const requested = await requestPayout({ db: c.env.DB }, { vendorId: vendorOf(c.get('principal')), ...body });
      const payout = await submitPayout({ env: c.env, defer }, requested);
      defer(relayPaymentsOutbox(c.env));
      return c.json(payoutView(payout), 202);
    },
  )
  .get(
    '/payouts',
    describe({
      summary: 'My payouts, newest first',
      response: z.object({ items: z.array(PayoutView), nextCursor: z.string().nullable() }),
      ...vendorDoc,
    }),
    validate('query', PayoutListQuery),
    async (c) => c.json(await listPayouts(c.env.DB, vendorOf(c.get('principal')), c.req.valid('query'))),
  )
  .get(
    '/statements',
    describe({
      summary: 'My weekly statement (ISO week): balances and movements per currency',
      response: StatementView,
      ...vendorDoc,
    }),
    validate('query', StatementQuery),
    async (c) => c.json(await weeklyStatement(c.env.DB, vendorOf(c.get('principal')), c.req.valid('query').week)),
  );
