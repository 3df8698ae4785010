export { CATALOGUES, type Catalogue, type MessageKey } from './catalogue';
export { formatDate, formatNumber } from './format';
export {
  countryLocale,
  DEFAULT_LOCALE,
  direction,
  intlTag,
  isLocale,
  LOCALES,
  type Locale,
} from './locales';
export { type LocaleHints, negotiateLocale } from './negotiate';
export { type MessageParams, plural, type Translate, translator } from './translate';
