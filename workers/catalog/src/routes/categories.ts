import { describe } from '@linked-all/http';
import { Hono } from 'hono';
import { CategoryTree } from '../../contract';
import { readSession } from '../db/session';
import { categoryTree } from '../domain/category-tree';
import type { CatalogApp } from '../env';

export const categoryRoutes = new Hono<CatalogApp>().get(
  '/',
  describe({ summary: 'The category tree with product counts', tags: ['catalog'], response: CategoryTree }),
  async (c) => {
    c.header('cache-control', 'public, max-age=300, stale-while-revalidate=3600');
    return c.json(await categoryTree(readSession(c.env.DB)));
  },
);
