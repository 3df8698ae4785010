import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { Quote, QuoteQuery } from '../../contract/schemas';
import { quoteDelivery } from '../domain/quote';
import type { LogisticsApp } from '../env';

export const quoteRoutes = new Hono<LogisticsApp>().get(
  '/quote',
  describe({
    summary: "Delivery fee and promised window for one vendor order (the cart's quote is the RPC `quote`)",
    tags: ['logistics'],
    response: Quote,
    problems: ['not_found'],
  }),
  validate('query', QuoteQuery),
  async (c) => {
    const { vendorId, subtotal, weightGrams, ...where } = c.req.valid('query');
    return c.json(await quoteDelivery(c.env.DB, { ...where, items: [{ vendorId, subtotal, weightGrams }] }));
  },
);
