import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ProductPage } from './pages/product';
import { renderHtml } from './render';
import { productDetail, summaries } from './test-fixtures';

// The product page's one recommendation strip (issue 16): viewed-also-viewed when there is data,
// else bought together; either way within the 14 KB (gzip) first round trip.
const ctx = { saveData: false, path: '/p/x' };

describe('the viewed-also-viewed strip', () => {
  it('shows what shoppers also viewed instead of bought together, within 14 KB with 3 reviews', async () => {
    const product = { ...productDetail(), boughtTogether: summaries(4), alsoViewed: summaries(4).reverse() };
    const html = await renderHtml(<ProductPage {...ctx} product={product} />);
    expect(html).toContain('Shoppers who viewed this also viewed');
    expect(html).not.toContain('Often bought together');
    expect(html.indexOf(product.alsoViewed[0].title)).toBeLessThan(html.indexOf(product.alsoViewed[3].title));
    expect(gzipSync(html, { level: 6 }).length).toBeLessThanOrEqual(14 * 1024);
  });

  it('falls back to bought together while nothing was co-viewed', async () => {
    const html = await renderHtml(
      <ProductPage {...ctx} product={{ ...productDetail(), boughtTogether: summaries(2), alsoViewed: [] }} />,
    );
    expect(html).toContain('Often bought together');
    expect(html).not.toContain('Shoppers who viewed this also viewed');
  });
});
