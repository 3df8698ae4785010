import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { ListProductsQuery, ProductDetail, ProductList, ProductParams } from '../../contract';
import { BOOKMARK_HEADER, readSession } from '../db/session';
import { listOrSearch } from '../discover/search-cache';
import { getProduct } from '../domain/get-product';
import type { CatalogApp } from '../env';

// Listings change with every vendor edit; product pages less so. Both are
// also cached at the gateway under versioned keys, which is what makes short
// browser lifetimes safe.
const LIST_CACHE = 'public, max-age=30, stale-while-revalidate=120';
const DETAIL_CACHE = 'public, max-age=60, stale-while-revalidate=300';

export const productRoutes = new Hono<CatalogApp>()
  .get(
    '/',
    describe({
      summary: 'List and search products, with facets and cursor pagination',
      tags: ['catalog'],
      response: ProductList,
    }),
    validate('query', ListProductsQuery),
    async (c) => {
      const session = readSession(c.env.DB, c.req.header(BOOKMARK_HEADER));
      const list = await listOrSearch(c.env, (p) => c.executionCtx.waitUntil(p), session, c.req.valid('query'));
      c.header('cache-control', LIST_CACHE);
      c.header(BOOKMARK_HEADER, session.getBookmark() ?? '');
      return c.json(list);
    },
  )
  .get(
    '/:id',
    describe({
      summary: 'A product with SKUs, prices, images and vendor',
      tags: ['catalog'],
      response: ProductDetail,
      problems: ['not_found'],
    }),
    validate('param', ProductParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const session = readSession(c.env.DB, c.req.header(BOOKMARK_HEADER));
      const product = await getProduct(session, id);
      if (!product) throw new AppError('not_found', `There is no product ${id}`);
      c.header('cache-control', DETAIL_CACHE);
      c.header(BOOKMARK_HEADER, session.getBookmark() ?? '');
      return c.json(product);
    },
  );
