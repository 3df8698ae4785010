import { describe, expect, it } from 'vitest';
import { CATALOGUES, direction, formatDate, LOCALES, negotiateLocale, plural, translator } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  const reference = CATALOGUES.en;

  for (const locale of LOCALES) {
    it(`${locale} has exactly the English keys, none empty, using only placeholders English fills`, () => {
      const catalogue: Readonly<Record<string, string>> = CATALOGUES[locale];
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(reference).sort());
      for (const [key, english] of Object.entries(reference)) {
        const text = catalogue[key] ?? '';
        expect(text.trim(), `${locale}:${key}`).not.toBe('');
        // A translation may leave a value out (Arabic says "one item" in words), never invent one.
        const known = new Set(placeholders(english));
        expect(
          placeholders(text).filter((name) => !known.has(name)),
          `${locale}:${key}`,
        ).toEqual([]);
      }
    });
  }
});

describe('choosing the language', () => {
  it('takes the user choice over the browser and the country', () => {
    expect(negotiateLocale({ chosen: 'pt', acceptLanguage: 'fr', country: 'KE' })).toBe('pt');
  });

  it('takes the best Accept-Language range we speak, by q then order', () => {
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,fr;q=0.5,ar;q=0.8' })).toBe('ar');
    expect(negotiateLocale({ acceptLanguage: 'sw-KE, en;q=0.9' })).toBe('sw');
  });

  it('ignores unknown or junk choices and falls back to the country, then English', () => {
    expect(negotiateLocale({ chosen: 'xx', acceptLanguage: 'de', country: 'CI' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'fr;q=0, ;;;q=abc' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: `${'x,'.repeat(10_000)}fr` })).toBe('en');
  });

  it('writes Arabic right to left', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('sw')).toBe('ltr');
  });
});

describe('filling and formatting', () => {
  it('looks words up in the chosen language', () => {
    expect(translator('fr')('common.language.sw')).toBe('Kiswahili');
    expect(translator('en')('common.brand')).toBe('Linked All');
  });

  it('chooses plural forms by the language rules, falling back to other', () => {
    expect(plural('en', 'common.items', 1)).toBe('1 item');
    expect(plural('en', 'common.items', 3)).toBe('3 items');
    expect(plural('fr', 'common.items', 0)).toBe('0 article');
    expect(plural('ar', 'common.items', 1)).toBe('منتج واحد');
    // Arabic "few" has no form of its own here: it falls back to other.
    expect(plural('ar', 'common.items', 3)).toBe('3 منتجات');
  });

  it('formats dates in the language', () => {
    const when = '2026-12-03T10:00:00Z';
    expect(formatDate(when, 'fr', { country: 'CI' })).toMatch(/déc/);
    expect(formatDate(when, 'en')).toMatch(/Dec/);
  });
});
