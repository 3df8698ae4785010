import { ProductId, ProductQueue, ProductQueueList } from '@linked-all/catalog/contract';
import { AdminProductsPage, type ProductQueueName } from '@linked-all/web';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PageCtx, PagesEnv } from '../../page-response';
import { callService } from '../../service-client';
import { adminOf } from './guard';
import { ADMIN_FORM_LIMIT, adminWords, done, form, orAgain, screenContext, sendScreen } from './kit';

function queueOf(c: PageCtx): ProductQueueName {
  const asked = ProductQueue.safeParse(c.req.query('queue'));
  return asked.success ? asked.data : 'new';
}

async function productsScreen(c: PageCtx, error?: string) {
  const admin = await adminOf(c);
  const queue = queueOf(c);
  const list = await callService(c, c.env.CATALOG, `/v1/admin/products?queue=${queue}`, ProductQueueList, { token: admin.token });
  return <AdminProductsPage {...screenContext(c, error)} products={list.items} queue={queue} />;
}

/** Hide (with a reason) or pass: the catalog does it with its audit row in one batch and invalidates the cache at once. */
async function moderate(c: PageCtx, action: 'hide' | 'pass') {
  const admin = await adminOf(c);
  const t = adminWords(c);
  const id = ProductId.safeParse(c.req.param('id'));
  const body = await form(c);
  if (!id.success) return sendScreen(c, await productsScreen(c, t('admin.error.not_found')), 404);
  const reason = (body.reason ?? '').trim();
  if (action === 'hide' && reason.length < 3) return sendScreen(c, await productsScreen(c, t('admin.error.reason')), 400);
  return orAgain(
    c,
    async () => {
      await callService(c, c.env.CATALOG, `/v1/admin/products/${id.data}/${action}`, z.looseObject({}), {
        method: 'POST',
        token: admin.token,
        headers: body.key ? { 'idempotency-key': body.key } : {},
        json: action === 'hide' ? { reason } : undefined,
      });
      return done(c, `/admin/products?queue=${queueOf(c)}`, action === 'hide' ? 'hidden' : 'passed');
    },
    (error) => productsScreen(c, error),
  );
}

export const productRoutes = new Hono<PagesEnv>()
  .get('/products', async (c) => sendScreen(c, await productsScreen(c)))
  .post('/products/:id/hide', ADMIN_FORM_LIMIT, (c) => moderate(c, 'hide'))
  .post('/products/:id/pass', ADMIN_FORM_LIMIT, (c) => moderate(c, 'pass'));
