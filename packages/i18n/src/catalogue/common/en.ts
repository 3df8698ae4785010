// Words shared by every surface (pages, vendor app, messages). Keys are dotted by area.
export const commonEn = {
  'common.language.en': 'English',
  'common.language.fr': 'Français',
  'common.language.sw': 'Kiswahili',
  'common.language.ar': 'العربية',
  'common.language.pt': 'Português',
  'common.brand': 'Linked All',
  'common.items.one': '{count} item',
  'common.items.other': '{count} items',
} as const;
