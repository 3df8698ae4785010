import type { commonEn } from './en';

export const commonPt = {
  'common.language.en': 'English',
  'common.language.fr': 'Français',
  'common.language.sw': 'Kiswahili',
  'common.language.ar': 'العربية',
  'common.language.pt': 'Português',
  'common.brand': 'Linked All',
  'common.items.one': '{count} artigo',
  'common.items.other': '{count} artigos',
} as const satisfies Record<keyof typeof commonEn, string>;
