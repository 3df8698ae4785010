import { describe, expect, it } from 'vitest';
import { isSaveData } from './save-data';
import { listHref, parsePriceParam, priceParam, safeRedirect } from './url';

describe('data-saver choice', () => {
  it('follows Save-Data: on unless the shopper chose otherwise', () => {
    expect(isSaveData('on', undefined)).toBe(true);
    expect(isSaveData('On ', undefined)).toBe(true);
    expect(isSaveData(undefined, undefined)).toBe(false);
    expect(isSaveData(undefined, '1')).toBe(true);
    expect(isSaveData('on', '0')).toBe(false);
  });
});

describe('listing URLs', () => {
  it('round-trips a price band', () => {
    expect(parsePriceParam(priceParam('NGN', 0, 750000))).toEqual({ currency: 'NGN', min: 0, max: 750000 });
    expect(parsePriceParam(priceParam('XOF', 150000, null))).toEqual({ currency: 'XOF', min: 150000, max: null });
    expect(parsePriceParam('NGN:abc')).toBeNull();
    expect(parsePriceParam('')).toBeNull();
  });

  it('builds listing links in a stable order', () => {
    expect(listHref('/search', { q: 'a b', inStock: true, sort: 'newest' }, 'xyz')).toBe(
      '/search?q=a+b&sort=newest&inStock=1&cursor=xyz',
    );
    expect(listHref('/c/x', {})).toBe('/c/x');
  });

  it('redirects back only to paths on this site', () => {
    expect(safeRedirect('/c/phones?sort=newest')).toBe('/c/phones?sort=newest');
    expect(safeRedirect('/search?q=caf\u00e9#top')).toBe('/search?q=caf%C3%A9#top');
    expect(safeRedirect('//evil.example/')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('javascript:alert(1)')).toBe('/');
    expect(safeRedirect('')).toBe('/');
    expect(safeRedirect(undefined, '/cart')).toBe('/cart');
  });

  it.each([
    ['a TAB that browsers drop (/\t/evil.example → //evil.example)', '/\t/evil.example'],
    ['a CR/LF (header injection)', '/\r\nSet-Cookie: x=1'],
    ['a NUL', '/\u0000x'],
    ['a DEL', '/\u007fx'],
    ['a backslash anywhere', '/a\\..\\\\evil.example'],
    ['an over-long path', `/${'a'.repeat(2001)}`],
  ])('refuses %s', (_, target) => {
    expect(safeRedirect(target)).toBe('/');
  });
});
