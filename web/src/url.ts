import type { CurrencyCode } from '@linked-all/money';
import type { ListProductsQuery } from './types';

/** What a shopper chose in a listing's filter form, as it travels in the URL. */
export type ListFilters = {
  q?: string;
  category?: string;
  sort?: ListProductsQuery['sort'];
  inStock?: boolean;
  /** A price band as one form value: `NGN:0-750000`, open-ended `NGN:37500000-`. */
  price?: string;
  country?: ListProductsQuery['country'];
};

/** Encodes a price band (minor units) as the single value of the price select. */
export function priceParam(currency: CurrencyCode, min: number, max: number | null): string {
  return `${currency}:${min}-${max ?? ''}`;
}

const PRICE_PARAM = /^([A-Z]{3}):(\d{1,15})-(\d{0,15})$/;

/** Reads a price band back; null when the value is not one `priceParam` makes. */
export function parsePriceParam(value: string): { currency: string; min: number; max: number | null } | null {
  const match = PRICE_PARAM.exec(value);
  if (!match) return null;
  return { currency: match[1], min: Number(match[2]), max: match[3] ? Number(match[3]) : null };
}

/** The URL of a listing with the given filters (and page cursor), parameters in a stable order. */
export function listHref(path: string, filters: ListFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.inStock) params.set('inStock', '1');
  if (filters.price) params.set('price', filters.price);
  if (filters.country) params.set('country', filters.country);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

// Only the path, query and fragment of a parsed URL are kept; this origin is never sent anywhere.
const SAME_ORIGIN = 'https://same-origin.invalid';

/**
 * The one place a redirect target that came from input is checked: a same-origin path, or
 * `fallback`. Browsers drop TAB/CR/LF inside URLs and read `\` as `/`, so `/\t/evil.example`
 * would become `//evil.example` (another host): control characters and backslashes are refused
 * outright, then the path must parse to this origin. The answer is the URL's own serialisation
 * (percent-encoded), safe to put in a Location header.
 */
export function safeRedirect(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, SAME_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== SAME_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
