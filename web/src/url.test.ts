import { describe, expect, it } from 'vitest';
import { isSaveData } from './save-data';
import { isLocalPath, listHref, parsePriceParam, priceParam } from './url';

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
    expect(isLocalPath('/c/phones?sort=newest')).toBe(true);
    expect(isLocalPath('//evil.example/')).toBe(false);
    expect(isLocalPath('/\\evil.example')).toBe(false);
    expect(isLocalPath('https://evil.example/')).toBe(false);
    expect(isLocalPath('')).toBe(false);
  });
});
