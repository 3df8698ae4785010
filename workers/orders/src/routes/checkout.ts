import { callerOf } from '@linked-all/auth';
import { describe, IdempotencyHeader, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { CheckoutAccepted, CheckoutBody } from '../../contract';
import { checkPickupStation } from '../checkout/pickup-station';
import { startCheckout } from '../checkout/start-checkout';
import type { OrdersApp } from '../env';

export const checkoutRoutes = new Hono<OrdersApp>().post(
  '/',
  describe({
    summary: 'Check out a cart (Idempotency-Key required): answers at once; follow statusUrl until confirmed or cancelled',
    auth: 'any',
    tags: ['checkout'],
    status: 202,
    response: CheckoutAccepted,
    problems: ['unauthenticated', 'not_found', 'conflict', 'idempotency_conflict'],
  }),
  validate('header', IdempotencyHeader),
  validate('json', CheckoutBody),
  async (c) => {
    const { userId } = callerOf(c.get('principal'));
    await checkPickupStation(c.env, userId, c.req.valid('json'));
    const started = await startCheckout(c.env, {
      userId,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      body: c.req.valid('json'),
    });
    const statusUrl = `/v1/orders/${started.orderId}`;
    c.header('location', statusUrl);
    c.header('cache-control', 'private, no-store');
    return c.json({ orderId: started.orderId, status: started.status, statusUrl }, 202);
  },
);
