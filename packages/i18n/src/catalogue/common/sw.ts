import type { commonEn } from './en';

export const commonSw = {
  'common.language.en': 'English',
  'common.language.fr': 'Français',
  'common.language.sw': 'Kiswahili',
  'common.language.ar': 'العربية',
  'common.language.pt': 'Português',
  'common.brand': 'Linked All',
  'common.items.one': 'bidhaa {count}',
  'common.items.other': 'bidhaa {count}',
} as const satisfies Record<keyof typeof commonEn, string>;
