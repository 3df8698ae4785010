import type { commonEn } from './en';

export const commonAr = {
  'common.language.en': 'English',
  'common.language.fr': 'Français',
  'common.language.sw': 'Kiswahili',
  'common.language.ar': 'العربية',
  'common.language.pt': 'Português',
  'common.brand': 'Linked All',
  'common.items.one': 'منتج واحد',
  'common.items.other': '{count} منتجات',
} as const satisfies Record<keyof typeof commonEn, string>;
