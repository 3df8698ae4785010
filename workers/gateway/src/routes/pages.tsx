import { type CategoryNode, ListProductsQuery, ProductId, Slug } from '@linked-all/catalog/contract';
import { log } from '@linked-all/http';
import {
  CategoryPage,
  CountryPage,
  ErrorPage,
  HomePage,
  isLocale,
  isShopCountry,
  type ListFilters,
  type LocalOnly,
  type MessageKey,
  ProductPage,
  parsePriceParam,
  SAVE_DATA_COOKIE,
  SEARCH_MAX,
  SearchPage,
  type SearchProblem,
  safeRedirect,
} from '@linked-all/web';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { catalogData } from '../catalog-data';
import {
  COUNTRY_COOKIE,
  formLimit,
  LANG_COOKIE,
  notFound,
  type PageCtx,
  type PagesEnv,
  pageContext,
  pageI18nOf,
  sendPage,
  shopCountry,
} from '../page-response';
import { ServiceProblem } from '../service-client';
import { reportProductView } from './shop/product-view';
import { sitePages } from './shop/site-pages';
import { shopPageRoutes } from './shop-pages';

type ListInput = z.input<typeof ListProductsQuery>;

const PAGE_SIZE = 24;
const HOME_PRODUCTS = 12;
const ONE_YEAR = 365 * 24 * 3600;

// ---- Listing query strings ----
// Pages read the query with the catalog's own schema, but a wrong value never
// fails the page: the filter is dropped and the shopper is told, in words.

const FILTER_NAMES: Record<string, MessageKey> = {
  sort: 'shop.list.filter.sort',
  inStock: 'shop.list.filter.in_stock',
  price: 'shop.list.filter.price',
  minPrice: 'shop.list.filter.price',
  maxPrice: 'shop.list.filter.price',
  currency: 'shop.list.filter.price',
  country: 'shop.list.filter.country',
  category: 'shop.list.filter.category',
  cursor: 'shop.list.filter.cursor',
};

type ListRequest = {
  input: ListInput;
  filters: ListFilters;
  cursor?: string;
  notices: string[];
  /** Narrowed to the shop country because the shopper did not choose a country filter. */
  localOnly?: LocalOnly;
};

/** `?country=all`: every country, even where a shop country is known. */
const ALL_COUNTRIES = 'all';

function readListQuery(c: PageCtx, fixed: { category: string } | { q: string }): ListRequest {
  const params = new URL(c.req.url).searchParams;
  const value = (name: string) => params.get(name)?.trim() || undefined;
  const notices = new Set<string>();
  const input: Record<string, string | number | undefined> = { ...fixed, limit: PAGE_SIZE };
  const filters: ListFilters = { ...fixed };
  const { t } = pageI18nOf(c);
  const ignore = (name: string) => {
    const key = FILTER_NAMES[name];
    notices.add(t('shop.list.ignored', { filter: key ? t(key) : name }));
  };

  const sort = value('sort');
  if (sort === 'relevance' && !('q' in fixed)) ignore('sort');
  else if (sort) {
    input.sort = sort;
    filters.sort = sort as ListFilters['sort'];
  }
  const inStock = value('inStock');
  if (inStock === '1' || inStock === 'true') {
    input.inStock = 'true';
    filters.inStock = true;
  } else if (inStock && inStock !== '0' && inStock !== 'false') ignore('inStock');
  const price = value('price');
  if (price) {
    const band = parsePriceParam(price);
    if (band) {
      Object.assign(input, { currency: band.currency, minPrice: band.min, maxPrice: band.max ?? undefined });
      filters.price = price;
    } else ignore('price');
  }
  const country = value('country');
  let localOnly: LocalOnly | undefined;
  if (country && country !== ALL_COUNTRIES) {
    input.country = country;
    filters.country = country as ListFilters['country'];
  } else if (!country) {
    // The shop country's offers only (in its currency), with a clear way to every country.
    const local = shopCountry(c);
    if (local) {
      input.country = local;
      const url = new URL(c.req.url);
      url.searchParams.set('country', ALL_COUNTRIES);
      localOnly = { country: local, allHref: `${url.pathname}${url.search}` };
    }
  }
  const category = 'q' in fixed ? value('category') : undefined;
  if (category) {
    input.category = category;
    filters.category = category;
  }
  const cursor = value('cursor');
  if (cursor) input.cursor = cursor;

  // Drop each field the schema refuses, once, then check again.
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = ListProductsQuery.safeParse(input);
    if (result.success) break;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field === 'q' || field === 'limit' || !(field in FILTER_NAMES)) continue;
      ignore(field);
      if (['minPrice', 'maxPrice', 'currency', 'price'].includes(field)) {
        delete input.minPrice;
        delete input.maxPrice;
        delete input.currency;
        delete filters.price;
      } else {
        delete input[field];
        delete filters[field as keyof ListFilters];
      }
    }
  }
  return {
    input: input as ListInput,
    filters,
    cursor: input.cursor as string | undefined,
    notices: [...notices],
    localOnly: input.country === localOnly?.country ? localOnly : undefined,
  };
}

/**
 * Lists products; a cursor the catalog refuses (an old link, another sort)
 * restarts at the first page instead of failing.
 */
async function listWithCursorFallback(c: PageCtx, request: ListRequest) {
  try {
    return await catalogData(c).listProducts(request.input);
  } catch (err) {
    if (!request.input.cursor) throw err;
    log('warn', 'page cursor refused', { requestId: c.get('requestId'), error: String(err) });
    const { cursor: _dropped, ...input } = request.input;
    request.input = input;
    request.cursor = undefined;
    request.notices.push(pageI18nOf(c).t('shop.list.expired'));
    return catalogData(c).listProducts(input);
  }
}

/** The node with this slug and its ancestors (outermost first), or null. */
function findCategory(
  nodes: CategoryNode[],
  slug: string,
  trail: CategoryNode[] = [],
): { node: CategoryNode; ancestors: CategoryNode[] } | null {
  for (const node of nodes) {
    if (node.slug === slug) return { node, ancestors: trail };
    const found = findCategory(node.children, slug, [...trail, node]);
    if (found) return found;
  }
  return null;
}

/** The part of a failed search worth suggesting from: a prefix of its longest word. */
function suggestionStem(q: string): string | null {
  const words = q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const longest = words.toSorted((a, b) => b.length - a.length)[0];
  if (!longest || longest.length < 3) return null;
  return longest.slice(0, Math.max(3, Math.ceil(longest.length / 2)));
}

const CountryForm = z.object({
  country: z.string().refine(isShopCountry),
  back: z.string().max(2000).optional(),
});

const SaveDataForm = z.object({ saveData: z.enum(['0', '1']), back: z.string().max(2000).optional() });

/** A year-long cookie a browser form or link set (a presentation choice, never a secret). */
function rememberChoice(c: PageCtx, name: string, value: string) {
  setCookie(c, name, value, {
    path: '/',
    maxAge: ONE_YEAR,
    sameSite: 'Lax',
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

export const pageRoutes = new Hono<PagesEnv>()
  .use(async (c, next) => {
    // A `?lang=` link (the footer's language switch) is remembered for the next pages.
    const lang = c.req.query('lang');
    if (isLocale(lang) && getCookie(c, LANG_COOKIE) !== lang) rememberChoice(c, LANG_COOKIE, lang);
    return next();
  })
  .get('/', async (c) => {
    const local = c.req.query('country') === ALL_COUNTRIES ? undefined : shopCountry(c);
    const [tree, newest] = await Promise.all([
      catalogData(c).categoryTree(),
      catalogData(c).listProducts({ sort: 'newest', limit: HOME_PRODUCTS, ...(local ? { country: local } : {}) }),
    ]);
    const localOnly = local ? { country: local, allHref: `/?country=${ALL_COUNTRIES}` } : undefined;
    return sendPage(c, <HomePage {...pageContext(c)} categories={tree.items} newest={newest.items} localOnly={localOnly} />);
  })
  .get('/country', (c) => {
    const { country, ...ctx } = pageContext(c);
    const back = safeRedirect(c.req.query('back') ?? c.req.header('referer')?.replace(/^https?:\/\/[^/]+/, ''));
    return sendPage(c, <CountryPage {...ctx} country={country} current={country} back={back} />, 200, { private: true });
  })
  .post('/settings/country', formLimit(4096), async (c) => {
    const form = CountryForm.safeParse(await c.req.parseBody());
    if (form.success) rememberChoice(c, COUNTRY_COOKIE, form.data.country);
    c.header('cache-control', 'no-store');
    return c.redirect(safeRedirect(form.success ? form.data.back : undefined), 303);
  })
  .get('/c/:slug', async (c) => {
    const slug = Slug.safeParse(c.req.param('slug'));
    if (!slug.success) return notFound(c, pageI18nOf(c).t('shop.error.no_category'));
    const request = readListQuery(c, { category: slug.data });
    // Both reads at once; an unknown category (the list then fails) is answered from the tree.
    const [tree, listed] = await Promise.all([
      catalogData(c).categoryTree(),
      Promise.allSettled([listWithCursorFallback(c, request)]),
    ]);
    const found = findCategory(tree.items, slug.data);
    if (!found) return notFound(c, pageI18nOf(c).t('shop.error.no_category'));
    const [result] = listed;
    if (result.status === 'rejected') throw result.reason;
    const list = result.value;
    return sendPage(
      c,
      <CategoryPage
        {...pageContext(c)}
        category={found.node}
        ancestors={found.ancestors}
        subcategories={found.node.children.filter((child) => child.productCount > 0)}
        list={list}
        filters={request.filters}
        cursor={request.cursor}
        notices={request.notices}
        localOnly={request.localOnly}
      />,
    );
  })
  .get('/p/:id', async (c) => {
    const id = ProductId.safeParse(c.req.param('id'));
    if (!id.success) return notFound(c, pageI18nOf(c).t('shop.error.no_product'));
    const product = await catalogData(c).getProduct(id.data);
    if (!product) return notFound(c, pageI18nOf(c).t('shop.error.product_gone'));
    reportProductView(c, product.id);
    return sendPage(c, <ProductPage {...pageContext(c)} product={product} formToken={crypto.randomUUID()} />);
  })
  .get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    const problem: SearchProblem | undefined = !q
      ? 'empty'
      : q.length > SEARCH_MAX
        ? 'too_long'
        : /[\p{L}\p{N}]/u.test(q)
          ? undefined
          : 'no_words';
    if (problem) {
      const tree = await catalogData(c).categoryTree();
      return sendPage(c, <SearchPage {...pageContext(c)} q={q} problem={problem} filters={{}} categories={tree.items} />);
    }
    const request = readListQuery(c, { q });
    const list = await listWithCursorFallback(c, request);
    if (list.items.length) {
      return sendPage(
        c,
        <SearchPage
          {...pageContext(c)}
          q={q}
          list={list}
          filters={request.filters}
          cursor={request.cursor}
          notices={request.notices}
          localOnly={request.localOnly}
        />,
      );
    }
    const stem = suggestionStem(q);
    const [suggestions, tree] = await Promise.all([
      stem ? catalogData(c).suggest(stem) : { items: [] },
      catalogData(c).categoryTree(),
    ]);
    return sendPage(
      c,
      <SearchPage
        {...pageContext(c)}
        q={q}
        list={list}
        filters={request.filters}
        notices={request.notices}
        localOnly={request.localOnly}
        suggestions={suggestions.items.slice(0, 5)}
        categories={tree.items}
      />,
    );
  })
  .post('/settings/save-data', formLimit(4096), async (c) => {
    // A plain form post (works without JS); the choice lives in a cookie for a year.
    const form = SaveDataForm.safeParse(await c.req.parseBody());
    const back = safeRedirect(form.success ? form.data.back : undefined);
    if (form.success) rememberChoice(c, SAVE_DATA_COOKIE, form.data.saveData);
    c.header('cache-control', 'no-store');
    return c.redirect(back, 303);
  })
  // Cart, sign in, checkout and orders: the pages with the shopper's own data.
  .route('/', shopPageRoutes)
  // robots.txt, the sitemap, GETs on form-only URLs, and the HTML 404 for every other path: last.
  .route('/', sitePages);

// Errors on a page answer with an HTML page (never a stack trace); the full
// error is logged with the request id that the page shows.
pageRoutes.onError((err, c) => {
  log('error', 'page failed', {
    requestId: c.get('requestId'),
    path: c.req.path,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  // A service that cannot be reached is "busy, try again", not "something broke".
  const status = err instanceof ServiceProblem && err.status === 503 ? 503 : 500;
  return sendPage(c, <ErrorPage {...pageContext(c)} requestId={c.get('requestId')} status={status} />, status);
});

/** The HTML 404 for browsers, for the gateway's notFound when the client accepts text/html. */
export function htmlNotFound(c: PageCtx) {
  return notFound(c);
}
