import { requireRoleOf } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { CollectMethod } from '../../contract';
import { collectPayOnDelivery } from '../checkout/pay-on-delivery';
import type { PaymentsApp } from '../env';

const Params = z.object({ vendorOrderId: z.string().regex(/^[a-z]{2,5}_[0-9a-z]{4,40}$/) }).strict();
const CollectBody = z
  .object({
    orderId: z.string().regex(/^[a-z]{2,5}_[0-9a-z]{4,40}$/),
    method: CollectMethod,
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

// The rider app's confirmation that cash (or mobile money) changed hands at the door.
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
  );
