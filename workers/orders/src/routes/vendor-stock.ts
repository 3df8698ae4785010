import { requireActiveShop, requirePermission, vendorOf } from '@linked-all/auth';
import { describe, idempotency, validate } from '@linked-all/http';
import { Hono } from 'hono';
import type { OrdersApp } from '../env';
import { setStock, stockLevel } from '../inventory/vendor-stock';
import { LevelView, SetStockBody, StockParams } from '../schemas/stock';
import { shopStanding } from '../shop-standing';

const doc = {
  auth: 'vendor' as const,
  tags: ['vendor'],
  response: LevelView,
  problems: ['forbidden' as const, 'not_found' as const],
};

export const vendorStockRoutes = new Hono<OrdersApp>()
  .use(requireActiveShop(shopStanding))
  // Staff roles: the gateway checks too, this is the service's own word (defence in depth).
  .use(requirePermission('catalog'))
  // The offline vendor PWA replays its queued writes with the same keys.
  .use(idempotency<OrdersApp>({ db: (c) => c.env.DB, scope: (c) => vendorOf(c.get('principal')) }))
  .get(
    '/:skuId/stock',
    describe({ summary: "One of my SKUs' stock: on hand, held by checkouts, available", ...doc }),
    validate('param', StockParams),
    async (c) => {
      c.header('cache-control', 'private, no-store');
      return c.json(await stockLevel(c.env, vendorOf(c.get('principal')), c.req.valid('param').skuId));
    },
  )
  .put(
    '/:skuId/stock',
    describe({ summary: 'Set how many units of my SKU are on hand', ...doc, problems: ['forbidden', 'not_found', 'conflict'] }),
    validate('param', StockParams),
    validate('json', SetStockBody),
    async (c) => {
      const { skuId } = c.req.valid('param');
      return c.json(await setStock(c.env, vendorOf(c.get('principal')), skuId, c.req.valid('json').quantity));
    },
  );
