import type { CategoryNode } from '@linked-all/catalog/contract';
import { Hono } from 'hono';
import { catalogData } from '../../catalog-data';
import { notFound, type PageCtx, type PagesEnv } from '../../page-response';
import { seeOther } from './forms';

// What a browser finds around the pages: robots.txt, the sitemap, a GET on a URL that only takes
// a form post (a reload or a shared link of a form's result), and every unknown path, all as
// pages rather than the API's JSON problems.

// The newest products (the catalog's largest page); categories lead to the rest.
const SITEMAP_PRODUCTS = 100;

function origin(c: PageCtx) {
  return new URL(c.req.url).origin;
}

const ROBOTS = (base: string) =>
  [
    'User-agent: *',
    // The shopper's own pages and endless search combinations are no use in an index.
    'Disallow: /cart',
    'Disallow: /checkout',
    'Disallow: /orders',
    'Disallow: /signin',
    'Disallow: /search',
    'Disallow: /settings/',
    'Disallow: /v1/',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] ?? ch);

function categorySlugs(nodes: CategoryNode[]): string[] {
  return nodes.flatMap((node) => [...(node.productCount > 0 ? [node.slug] : []), ...categorySlugs(node.children)]);
}

const toOrder = (c: PageCtx) => `/orders/${encodeURIComponent(c.req.param('id') ?? '')}`;

/** URLs that only take a form post, and the page with that form (where a GET of them goes back to). */
const FORM_ONLY: [string, (c: PageCtx) => string][] = [
  ['/cart/items', () => '/cart'],
  ['/cart/items/:skuId', () => '/cart'],
  ['/cart/items/:skuId/remove', () => '/cart'],
  ['/checkout/address', () => '/checkout'],
  ['/signout', () => '/orders'],
  ['/signin/code/verify', () => '/signin'],
  ['/account/addresses', () => '/account'],
  ['/account/addresses/:id', () => '/account'],
  ['/account/addresses/:id/default', () => '/account'],
  ['/account/addresses/:id/delete', () => '/account'],
  ['/account/password', () => '/account'],
  ['/settings/save-data', () => '/'],
  ['/orders/:id/approve', toOrder],
  ['/wallet/topups', () => '/wallet'],
  ['/wallet/topups/:id/approve', (c) => `/wallet/topups/${encodeURIComponent(c.req.param('id') ?? '')}`],
  ['/signin/forgot/reset', () => '/signin/forgot'],
];

const formOnly = new Hono<PagesEnv>();
for (const [path, back] of FORM_ONLY) formOnly.get(path, (c) => seeOther(c, back(c)));

export const sitePages = new Hono<PagesEnv>()
  .get('/robots.txt', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.text(ROBOTS(origin(c)));
  })
  .get('/sitemap.xml', async (c) => {
    const [tree, newest] = await Promise.all([
      catalogData(c).categoryTree(),
      catalogData(c).listProducts({ sort: 'newest', limit: SITEMAP_PRODUCTS }),
    ]);
    const base = origin(c);
    const urls = [
      `${base}/`,
      ...categorySlugs(tree.items).map((slug) => `${base}/c/${encodeURIComponent(slug)}`),
      ...newest.items.map((p) => `${base}/p/${p.id}`),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((url) => `<url><loc>${escapeXml(url)}</loc></url>`)
      .join('\n')}\n</urlset>\n`;
    c.header('cache-control', 'public, max-age=3600');
    return c.body(body, 200, { 'content-type': 'application/xml; charset=utf-8' });
  })
  .route('/', formOnly)
  // Every other path a browser asks for: the 404 page, in the shopper's language. Browsers say
  // so (navigations and form posts accept text/html); the API, and an API client that strays
  // outside /v1, keep problem+json (the app's notFound).
  .all('*', (c) => {
    const path = c.req.path;
    const browser = (c.req.header('accept') ?? '').includes('text/html');
    if (path === '/v1' || path.startsWith('/v1/') || !browser) return c.notFound();
    return notFound(c);
  });
