// The reference worker: the same shapes our catalog answers (a 20-item list and one product),
// held in memory, on the same Hono and the same workerd. Every figure a benchmark prints is
// also given as a ratio to this worker, measured in the same run on the same machine, so a
// number says how far our code is from what the runtime can do, not how busy the machine was.
import { Hono } from 'hono';

const product = (i: number) => ({
  id: `prd_reference${String(i).padStart(13, '0')}`,
  title: `Reference product ${i}`,
  vendor: { id: 'vnd_reference00000000000000', name: 'Reference shop' },
  category: { id: 'cat_reference00000000000000', slug: 'phones', name: 'Phones' },
  country: 'KE',
  price: { amount: 1_250_000 + i * 100, currency: 'KES' },
  inStock: true,
  image: { key: `reference/${i}.jpg`, width: 400, height: 400 },
});
const PRODUCTS = Array.from({ length: 1000 }, (_, i) => product(i));
const LIST = JSON.stringify({ items: PRODUCTS.slice(0, 20), nextCursor: 'reference-cursor' });

const app = new Hono();
app.get('/v1/products', (c) => c.body(LIST, 200, { 'content-type': 'application/json', 'x-cache': 'HIT' }));
app.get('/v1/products/:id', (c) => {
  const n = Number(c.req.param('id').slice(-13));
  const found = PRODUCTS[Number.isInteger(n) ? n % PRODUCTS.length : 0];
  return c.json({ ...found, description: 'In memory.', skus: [] }, 200, { 'x-cache': 'HIT' });
});
app.get('/v1/health', (c) => c.json({ status: 'ok' }));

export default app;
