import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { CARRIERS } from '../../contract/enums';
import { courierFor } from '../couriers';
import { applyCourierEvent } from '../domain/courier-updates';
import { relayLogisticsOutbox } from '../domain/relay';
import type { LogisticsApp } from '../env';

const CarrierParams = z.object({ carrier: z.enum(CARRIERS) });
const Received = z.object({ received: z.literal(true), duplicate: z.boolean(), applied: z.boolean() });

// Public: the carrier's signature on the raw body is its authentication, checked before parsing.
export const courierWebhookRoutes = new Hono<LogisticsApp>().post(
  '/:carrier',
  describe({
    summary: "A carrier's signed status webhook (HMAC-SHA256 of the raw body)",
    tags: ['webhooks'],
    response: Received,
    problems: ['unauthenticated', 'not_found'],
  }),
  validate('param', CarrierParams),
  async (c) => {
    const adapter = courierFor(c.env, c.req.valid('param').carrier);
    const raw = await c.req.arrayBuffer();
    if (!(await adapter.verifyWebhook(raw, c.req.raw.headers))) {
      throw new AppError('unauthenticated', 'The webhook signature does not match its body');
    }
    const event = adapter.parseWebhook(new TextDecoder().decode(raw));
    const outcome = await applyCourierEvent(c.env, adapter.carrier, event);
    if (outcome.applied) c.executionCtx.waitUntil(relayLogisticsOutbox(c.env));
    return c.json({ received: true as const, duplicate: outcome.duplicate, applied: outcome.applied });
  },
);
