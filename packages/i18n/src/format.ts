import { intlTag, type Locale } from './locales';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (and optionally time) for people, in the user's language and country conventions. */
export function formatDate(
  value: Date | string | number,
  locale: Locale,
  options: { country?: string; time?: boolean; timeZone?: string } = {},
): string {
  const tag = intlTag(locale, options.country);
  const key = `${tag}|${options.time ? 't' : 'd'}|${options.timeZone ?? 'UTC'}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, {
      dateStyle: 'medium',
      ...(options.time ? { timeStyle: 'short' } : {}),
      timeZone: options.timeZone ?? 'UTC',
    });
    dateFormats.set(key, format);
  }
  return format.format(new Date(value));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, country?: string): string {
  const tag = intlTag(locale, country);
  let format = numberFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag);
    numberFormats.set(tag, format);
  }
  return format.format(value);
}
