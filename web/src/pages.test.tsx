import { gzipSync } from 'node:zlib';
import { formatMoney } from '@linked-all/money';
import { describe, expect, it } from 'vitest';
import { CategoryPage } from './pages/category';
import { ErrorPage, NotFoundPage } from './pages/errors';
import { HomePage } from './pages/home';
import { ProductPage } from './pages/product';
import { SearchPage } from './pages/search';
import { renderHtml } from './render';
import { TAP_SCRIPT, TAP_SCRIPT_CSP_SOURCE } from './save-data';
import { categoryTree, productDetail, productList, summaries } from './test-fixtures';

// One TCP round trip on a fresh connection (initcwnd 10 × ~1.4 KB): the whole
// HTML with its inline CSS must fit, compressed.
const BUDGET = 14 * 1024;
const gzipSize = (html: string) => gzipSync(html, { level: 6 }).length;
const count = (html: string, needle: string | RegExp) =>
  (html.match(typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : needle) ?? []).length;
const imgTags = (html: string) => html.match(/<img\b[^>]*>/g) ?? [];

const ctx = { saveData: false, path: '/c/phones-tablets' };
const saver = { saveData: true, path: '/c/phones-tablets' };
const tree = categoryTree();

function category(props: Partial<Parameters<typeof CategoryPage>[0]> = {}) {
  return renderHtml(
    <CategoryPage
      {...ctx}
      category={{ slug: 'phones-tablets', name: 'Phones & Tablets' }}
      ancestors={[]}
      subcategories={tree[0].children}
      list={productList(24)}
      filters={{ category: 'phones-tablets' }}
      {...props}
    />,
  );
}

const sizes: Record<string, number> = {};
function record(name: string, html: string) {
  sizes[name] = gzipSize(html);
  return sizes[name];
}

describe('page weight', () => {
  it('keeps a category page of 24 products within 14 KB gzip', async () => {
    expect(record('category (24 products)', await category())).toBeLessThanOrEqual(BUDGET);
    expect(record('category (24, data saver)', await category(saver))).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps a search page of 24 results within 14 KB gzip', async () => {
    const html = await renderHtml(
      <SearchPage {...ctx} path="/search?q=tecno" q="tecno" list={productList(24)} filters={{ q: 'tecno' }} />,
    );
    expect(record('search (24 results)', html)).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps the home page with 10 categories and 24 products within 14 KB gzip', async () => {
    const html = await renderHtml(<HomePage {...ctx} path="/" categories={tree} newest={summaries(24)} />);
    expect(record('home (10 categories, 24 products)', html)).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps a product page with 5 images, 3 options, 3 reviews and 4 bought together within 14 KB gzip', async () => {
    const base = productDetail();
    const long = { ...base.topReviews[0], id: 'rev_long0001', body: 'Works well. '.repeat(160) } as (typeof base.topReviews)[0];
    const product = { ...base, topReviews: [...base.topReviews, long], boughtTogether: summaries(4) };
    const html = await renderHtml(<ProductPage {...ctx} path="/p/x" product={product} />);
    expect(record('product (5 images, 3 SKUs, 3 reviews, 4 bought together)', html)).toBeLessThanOrEqual(BUDGET);
  });

  it('reports the measured sizes', () => {
    console.info(
      `gzip sizes (budget ${BUDGET} B):\n${Object.entries(sizes)
        .map(([name, size]) => `  ${name}: ${size} B`)
        .join('\n')}`,
    );
    expect(Object.keys(sizes).length).toBeGreaterThanOrEqual(5);
  });
});

describe('images', () => {
  it('gives every card image srcset, sizes, width and height', async () => {
    const tags = imgTags(await category());
    expect(tags).toHaveLength(24);
    for (const tag of tags) {
      expect(tag).toMatch(/srcset="\/v1\/images\/[^"]+\?w=160 160w, [^"]+ 320w, [^"]+ 640w, [^"]+ 960w"/);
      expect(tag).toMatch(/sizes="[^"]+"/);
      expect(tag).toMatch(/width="960"/);
      expect(tag).toMatch(/height="960"/);
      expect(tag).toMatch(/alt="[^"]+"/);
    }
  });

  it('loads the first two images eagerly and the rest lazily', async () => {
    const tags = imgTags(await category());
    expect(tags.slice(0, 2).every((t) => t.includes('loading="eager"'))).toBe(true);
    expect(tags.slice(2).every((t) => t.includes('loading="lazy"'))).toBe(true);
  });

  it('gives the product hero high fetch priority and lazy-loads the rest of the gallery', async () => {
    const tags = imgTags(await renderHtml(<ProductPage {...ctx} product={productDetail()} />));
    expect(tags).toHaveLength(5);
    expect(tags[0]).toContain('fetchpriority="high"');
    expect(tags[1]).toContain('loading="eager"');
    expect(tags.slice(2).every((t) => t.includes('loading="lazy"') && t.includes('srcset='))).toBe(true);
  });
});

describe('data saver', () => {
  it('renders no <img at all, only tappable placeholders linking to each image', async () => {
    const list = productList(24);
    const html = await category({ ...saver, list });
    expect(count(html, '<img')).toBe(0);
    expect(count(html, 'class="ph"')).toBe(24);
    for (const p of list.items) {
      expect(html).toContain(`href="${p.image?.src}"`);
      expect(html).toContain(`data-srcset="${p.image?.srcset}"`);
    }
  });

  it('renders no <img on the product page, one placeholder per photo', async () => {
    const html = await renderHtml(<ProductPage {...saver} product={productDetail()} />);
    expect(count(html, '<img')).toBe(0);
    expect(count(html, 'class="ph"')).toBe(5);
  });

  it('adds the tap script (under 1 KB) only in data-saver mode', async () => {
    expect(new TextEncoder().encode(TAP_SCRIPT).length).toBeLessThanOrEqual(1024);
    expect(await category(saver)).toContain(TAP_SCRIPT);
    expect(await category()).not.toContain('<script');
  });

  it('names the tap script in the CSP by its real SHA-256, so no inline script needs unsafe-inline', async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(TAP_SCRIPT)));
    expect(TAP_SCRIPT_CSP_SOURCE).toBe(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
    // Exactly one inline script exists, and it carries no inline event handler attributes.
    expect(count(await category(saver), '<script')).toBe(1);
    expect(await category(saver)).not.toMatch(/\son[a-z]+=/);
  });

  it('offers a toggle that works without JS: a form post that comes back to this page', async () => {
    const on = await category();
    expect(on).toContain('<form method="post" action="/settings/save-data">');
    expect(on).toContain('name="saveData" value="1"');
    expect(on).toContain('name="back" value="/c/phones-tablets"');
    expect(await category(saver)).toContain('name="saveData" value="0"');
  });
});

describe('prices', () => {
  it('shows XOF without decimals', async () => {
    const html = await category({ list: { ...productList(4, ['XOF']), nextCursor: null } });
    const expected = formatMoney(1500, 'XOF');
    expect(expected).toMatch(/^1\s500\sF\sCFA$/u);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/1\s500[.,]00/u);
  });

  it('shows KES with two decimals, and a range as "from"', async () => {
    const html = await renderHtml(<ProductPage {...ctx} product={productDetail()} />);
    expect(html).toContain(`from ${formatMoney(2_499_900, 'KES')}`);
    expect(formatMoney(2_499_900, 'KES')).toMatch(/24,999\.00/);
    expect(html).toContain(formatMoney(2_599_900, 'KES'));
    expect(html).toMatch(/25,999\.00/);
  });
});

describe('product reviews and recommendations', () => {
  it('shows the rating, verified reviews with the shop answer, escaped, and the bought-together strip', async () => {
    const base = productDetail();
    const hostile = { ...base.topReviews[1], body: '<script>alert(1)</script> fine' } as (typeof base.topReviews)[0];
    const html = await renderHtml(
      <ProductPage {...ctx} product={{ ...base, topReviews: [base.topReviews[0], hostile], boughtTogether: summaries(2) }} />,
    );
    expect(html).toContain('4.5 out of 5');
    expect(html).toContain('2 reviews');
    expect(html).toContain('Battery lasts two days');
    expect(html).toContain('Verified purchase');
    expect(html).toContain('7 people found this helpful');
    expect(html).toContain('Answer from Kibanda Electronics:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; fine');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Often bought together');
    expect(html.match(/class="card"/g)?.length).toBe(2);
  });

  it('says there are no reviews yet, and shows no empty strip', async () => {
    const html = await renderHtml(
      <ProductPage
        {...ctx}
        product={productDetail({ rating: { average: null, count: 0 }, topReviews: [], boughtTogether: [] })}
      />,
    );
    expect(html).toContain('No reviews yet');
    expect(html).not.toContain('Often bought together');
  });
});

describe('category page', () => {
  it('has landmarks, a labelled search box and breadcrumbs', async () => {
    const html = await category({ ancestors: [{ slug: 'all', name: 'Everything' }] });
    expect(html.startsWith('<!doctype html><html lang="en" dir="ltr">')).toBe(true);
    expect(html).toContain('<header');
    expect(html).toContain('<main id="main">');
    expect(html).toContain('<footer>');
    expect(html).toContain('<label class="sr" for="q">Search products</label>');
    expect(html).toContain('<nav class="crumbs" aria-label="Breadcrumb">');
    expect(html).toContain('<a href="/c/all">Everything</a>');
    expect(html).toContain('<li aria-current="page">Phones &amp; Tablets</li>');
  });

  it('has a GET filter form with sort, in-stock, price bands from the facets and country', async () => {
    const html = await category({ filters: { category: 'phones-tablets', price: 'NGN:750000-3000000', inStock: true } });
    expect(html).toContain('<form method="get" action="/c/phones-tablets">');
    expect(html).toContain('name="sort"');
    expect(html).toMatch(/<input type="checkbox" name="inStock" value="1" checked=""/);
    expect(html).toContain(
      `<option value="NGN:750000-3000000" selected="">${formatMoney(750000, 'NGN')} – ${formatMoney(3000000, 'NGN')} (40)</option>`,
    );
    expect(html).toContain(`Under ${formatMoney(3000, 'XOF')} (5)`);
    expect(html).toContain(`${formatMoney(3000000, 'NGN')} and up (9)`);
    expect(html).toContain('<option value="CI">Côte d&#39;Ivoire</option>');
  });

  it('links the next page with the cursor, keeping the filters', async () => {
    const html = await category({ filters: { category: 'phones-tablets', sort: 'price_asc' } });
    const list = productList(1);
    expect(html).toContain(`href="/c/phones-tablets?category=phones-tablets&amp;sort=price_asc&amp;cursor=${list.nextCursor}"`);
    expect(html).toContain('rel="next"');
  });

  it('escapes what vendors typed', async () => {
    const list = productList(2);
    list.items[0].title = '<script>alert(1)</script>';
    const html = await category({ list });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('product page', () => {
  it('shows breadcrumbs from the category path, every option with its price and stock', async () => {
    const html = await renderHtml(<ProductPage {...ctx} product={productDetail()} />);
    expect(html).toContain('<a href="/c/phones-tablets">Phones &amp; Tablets</a>');
    expect(html).toContain('<a href="/c/smartphones">Smartphones</a>');
    expect(count(html, '<label class="sku">')).toBe(3);
    expect(html).toContain('<form class="panel" method="post" action="/cart/items">');
    expect(html).toContain('Only 3 left');
    expect(html).toContain('Sold by Kibanda Electronics');
    expect(html).toContain('Nairobi, Kenya · Rated 4.6 out of 5');
  });

  it('says so when every option is sold out', async () => {
    const product = productDetail();
    const html = await renderHtml(
      <ProductPage {...ctx} product={{ ...product, inStock: false, skus: product.skus.map((s) => ({ ...s, available: 0 })) }} />,
    );
    expect(html).toContain('Out of stock');
    expect(html).not.toContain('In stock');
  });
});

describe('search page', () => {
  it('asks for a query when it is empty, with categories to browse', async () => {
    const html = await renderHtml(<SearchPage {...ctx} q="" problem="empty" filters={{}} categories={tree} />);
    expect(html).toContain('Type what you are looking for');
    expect(html).toContain('<a href="/c/fashion">');
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it('explains a too-long query and cuts it in the box', async () => {
    const html = await renderHtml(<SearchPage {...ctx} q={'a'.repeat(300)} problem="too_long" filters={{}} />);
    expect(html).toContain('at most 100 characters');
    expect(html).toContain(`value="${'a'.repeat(100)}"`);
    expect(html).not.toContain('a'.repeat(101));
  });

  it('says how many products matched and what a misspelt search was corrected to', async () => {
    const list = { ...productList(3), total: 41, search: { mode: 'all' as const, correctedQuery: 'samsung' } };
    const html = await renderHtml(<SearchPage {...ctx} q="samsng" list={list} filters={{ q: 'samsng' }} />);
    expect(html).toContain('41 products');
    expect(html).toContain('Showing results for “<a href="/search?q=samsung">samsung</a>”');
    expect(html).not.toContain('matched every word');
  });

  it('says when no product matched every word', async () => {
    const list = { ...productList(3), total: 3, search: { mode: 'any' as const, correctedQuery: null } };
    const html = await renderHtml(<SearchPage {...ctx} q="infinix charger" list={list} filters={{ q: 'infinix charger' }} />);
    expect(html).toContain('No product matched every word');
  });

  it('offers suggestions when nothing matched', async () => {
    const html = await renderHtml(
      <SearchPage
        {...ctx}
        q="tecnno"
        list={{ items: [], nextCursor: null, total: 0, facets: { categories: [], priceBands: [] } }}
        filters={{ q: 'tecnno' }}
        suggestions={[{ id: 'prd_01jc8x3k4m5n6p7q8r9s0t1v2w', title: 'Tecno Spark 20' }]}
        categories={tree}
      />,
    );
    expect(html).toContain('No results for “tecnno”');
    expect(html).toContain('<a href="/p/prd_01jc8x3k4m5n6p7q8r9s0t1v2w">Tecno Spark 20</a>');
    expect(html).toContain('Browse categories');
  });

  it('keeps the query in the filter form and offers relevance', async () => {
    const html = await renderHtml(<SearchPage {...ctx} q="tecno" list={productList(3)} filters={{ q: 'tecno' }} />);
    expect(html).toContain('<input type="hidden" name="q" value="tecno"/>');
    expect(html).toContain('<option value="relevance">Best match</option>');
    expect(html).toContain('<select name="category">');
  });
});

describe('error pages', () => {
  it('404 says what happened and offers a way on', async () => {
    const html = await renderHtml(<NotFoundPage {...ctx} message="There is no such product." />);
    expect(html).toContain('We could not find that page');
    expect(html).toContain('There is no such product.');
  });

  it('error page shows the request id and no stack', async () => {
    const html = await renderHtml(<ErrorPage {...ctx} requestId="req-12345678" />);
    expect(html).toContain('Reference: req-12345678');
    expect(html).not.toMatch(/at \w+ \(|Error:/);
  });
});
