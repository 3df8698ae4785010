import { AppError, describe } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PaymentsApp } from '../app';
import { handlePaystackEvent, parsePaystackEvent, verifyPaystackSignature } from '../domain/paystack';
import { relayPaymentsOutbox } from '../domain/relay';

// Provider callbacks carry no bearer token: the signature over the raw bytes is the authentication,
// checked before the body is parsed, so a forged body is never even read as JSON.
export const webhookRoutes = new Hono<PaymentsApp>().post(
  '/paystack',
  describe({
    summary: 'Paystack event notification (x-paystack-signature: HMAC-SHA512 of the raw body)',
    tags: ['webhooks'],
    response: z.object({ received: z.literal(true) }),
    problems: ['unauthenticated'],
  }),
  async (c) => {
    const raw = await c.req.arrayBuffer();
    if (!(await verifyPaystackSignature(raw, c.req.header('x-paystack-signature'), c.env.PAYSTACK_SECRET_KEY ?? ''))) {
      throw new AppError('unauthenticated', 'The webhook signature is missing or does not match');
    }
    const text = new TextDecoder().decode(raw);
    await handlePaystackEvent(c.env.DB, text, parsePaystackEvent(text));
    c.executionCtx.waitUntil(relayPaymentsOutbox(c.env));
    return c.json({ received: true as const });
  },
);
