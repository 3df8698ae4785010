import { countryLocale, DEFAULT_LOCALE, isLocale, type Locale } from './locales';

export interface LocaleHints {
  /** What the user chose (the `lang` cookie or a `?lang=` switch): wins when valid. */
  chosen?: string | undefined;
  /** The browser's `Accept-Language` header. */
  acceptLanguage?: string | undefined;
  /** ISO country (the shopper's country cookie, else Cloudflare's `CF-IPCountry`). */
  country?: string | undefined;
}

/**
 * The user's language: their own choice, else the best `Accept-Language` match we speak
 * (by q-value, then order), else their country's, else English.
 */
export function negotiateLocale(hints: LocaleHints): Locale {
  if (isLocale(hints.chosen)) return hints.chosen;
  const fromHeader = bestAccepted(hints.acceptLanguage);
  return fromHeader ?? countryLocale(hints.country) ?? DEFAULT_LOCALE;
}

function bestAccepted(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  // The header is attacker-sized; a real browser sends a handful of ranges.
  const ranges = header.slice(0, 512).split(',').slice(0, 20);
  let best: { locale: Locale; q: number } | undefined;
  for (const range of ranges) {
    const [tag = '', ...params] = range.trim().split(';');
    const language = tag.trim().toLowerCase().split('-')[0];
    if (!isLocale(language)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: language, q };
  }
  return best?.locale;
}
