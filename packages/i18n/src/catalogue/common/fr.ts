import type { commonEn } from './en';

export const commonFr = {
  'common.language.en': 'English',
  'common.language.fr': 'Français',
  'common.language.sw': 'Kiswahili',
  'common.language.ar': 'العربية',
  'common.language.pt': 'Português',
  'common.brand': 'Linked All',
  'common.items.one': '{count} article',
  'common.items.other': '{count} articles',
} as const satisfies Record<keyof typeof commonEn, string>;
