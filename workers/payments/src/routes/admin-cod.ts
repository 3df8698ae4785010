import { requireRoleOf } from '@linked-all/auth';
import { AppError, describe, IdempotencyHeader, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { CodCashView, CollectMethod, CollectorId, CollectorParams, RemittanceBody, RemittanceView } from '../../contract';
import { collectPayOnDelivery } from '../checkout/pay-on-delivery';
import { codCash } from '../cod-cash/held-cash';
import { recordRemittance } from '../cod-cash/remittance';
import type { PaymentsApp } from '../env';

const Params = z.object({ vendorOrderId: z.string().regex(/^[a-z]{2,5}_[0-9a-z]{4,40}$/) }).strict();
const CollectBody = z
  .object({
    orderId: z.string().regex(/^[a-z]{2,5}_[0-9a-z]{4,40}$/),
    method: CollectMethod,
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    // The rider or station agent who took the money: cash is then theirs to remit.
    collectorId: CollectorId.optional(),
  })
  .strict();

// The rider app's confirmation that cash (or mobile money) changed hands at the door, and the
// finance team's record of a collector handing the cash in.
export const codRoutes = new Hono<PaymentsApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .post(
    '/:vendorOrderId/collect',
    describe({
      summary: 'Record that a pay-on-delivery vendor order was collected (cash or mobile money)',
      auth: 'admin',
      tags: ['admin', 'pay-on-delivery'],
      response: z.object({ status: z.literal('collected'), amount: z.number().int() }),
      problems: ['forbidden', 'not_found', 'conflict'],
    }),
    validate('param', Params),
    validate('json', CollectBody),
    async (c) => {
      const admin = requireRoleOf(c.get('principal'), 'admin');
      const result = await collectPayOnDelivery(
        { db: c.env.DB },
        { vendorOrderId: c.req.valid('param').vendorOrderId, ...c.req.valid('json'), actor: admin.userId },
      );
      if (result.ok) return c.json({ status: result.status, amount: result.amount });
      if (result.reason === 'not_found')
        throw new AppError('not_found', 'No pay-on-delivery vendor order with this id in this order');
      if (result.reason === 'amount_mismatch') {
        throw new AppError('conflict', `The vendor order is for ${result.expected}, not ${c.req.valid('json').amount}`, result);
      }
      throw new AppError('conflict', `This vendor order cannot be collected: ${result.reason.replaceAll('_', ' ')}`, {
        reason: result.reason,
      });
    },
  )
  .get(
    '/collectors',
    describe({
      summary: 'Pay-on-delivery cash per rider or station agent (held, oldest unremitted), and delivered parcels never collected',
      auth: 'admin',
      tags: ['admin', 'pay-on-delivery'],
      response: CodCashView,
      problems: ['forbidden'],
    }),
    async (c) => c.json(await codCash(c.env.DB)),
  )
  .post(
    '/collectors/:collectorId/remittances',
    describe({
      summary: 'Record that a rider or station agent handed in pay-on-delivery cash (audited; never more than they hold)',
      auth: 'admin',
      tags: ['admin', 'pay-on-delivery'],
      response: RemittanceView,
      problems: ['forbidden', 'validation_failed', 'conflict', 'idempotency_conflict'],
    }),
    validate('param', CollectorParams),
    validate('header', IdempotencyHeader),
    validate('json', RemittanceBody),
    async (c) => {
      const admin = requireRoleOf(c.get('principal'), 'admin');
      const { collectorId } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await recordRemittance(
        { db: c.env.DB },
        { ...body, collectorId, key: c.req.valid('header')['idempotency-key'], actor: admin.userId },
      );
      if (outcome.ok) {
        const view: RemittanceView = {
          remittanceId: outcome.remittanceId,
          collectorId,
          amount: body.amount,
          currency: body.currency,
          held: outcome.held,
          created: outcome.created,
        };
        return c.json(view, outcome.created ? 201 : 200);
      }
      if (outcome.reason === 'key_reused') {
        throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used for another remittance');
      }
      throw new AppError('conflict', `The collector holds ${outcome.held} ${body.currency}; a remittance cannot exceed it`, {
        reason: outcome.reason,
        held: outcome.held,
        errors: [{ path: 'amount', message: `At most ${outcome.held}` }],
      });
    },
  );
