import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { PopularProducts, PopularQuery } from '../../contract';
import { readSession } from '../db/session';
import type { CatalogApp } from '../env';
import { popularIn } from '../recommendations/recommend';

export const recommendationRoutes = new Hono<CatalogApp>().get(
  '/popular',
  describe({
    summary: 'Popular in a country: best sellers from confirmed orders, then the newest in stock',
    tags: ['catalog'],
    response: PopularProducts,
  }),
  validate('query', PopularQuery),
  async (c) => {
    const { country, limit } = c.req.valid('query');
    c.header('cache-control', 'public, max-age=300, stale-while-revalidate=600');
    return c.json({ items: await popularIn(readSession(c.env.DB), country, limit) });
  },
);
