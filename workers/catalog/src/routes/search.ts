import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { Suggestions, SuggestQuery } from '../../contract';
import { readSession } from '../db/session';
import { suggest } from '../domain/suggest';
import type { CatalogApp } from '../env';

export const searchRoutes = new Hono<CatalogApp>().get(
  '/suggest',
  describe({ summary: 'Prefix autocomplete: up to 10 product titles', tags: ['catalog'], response: Suggestions }),
  validate('query', SuggestQuery),
  async (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(await suggest(readSession(c.env.DB), c.req.valid('query').q));
  },
);
