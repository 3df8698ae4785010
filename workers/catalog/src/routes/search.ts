import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { Suggestions, SuggestQuery } from '../../contract';
import { readSession } from '../db/session';
import { cachedSuggest } from '../discover/search-cache';
import type { CatalogApp } from '../env';

export const searchRoutes = new Hono<CatalogApp>().get(
  '/suggest',
  describe({
    summary: 'Autocomplete: up to 10 distinct titles, 3 categories and 3 brands, typo-tolerant',
    tags: ['catalog'],
    response: Suggestions,
  }),
  validate('query', SuggestQuery),
  async (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(await cachedSuggest(c.env, (p) => c.executionCtx.waitUntil(p), readSession(c.env.DB), c.req.valid('query').q));
  },
);
