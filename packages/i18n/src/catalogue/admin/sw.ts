import type { adminEn } from './en';

export const adminSw = {
  'admin.app.name': 'Linked All Uendeshaji',
  'admin.nav.skip': 'Ruka hadi maudhui',
  'admin.nav.dashboard': 'Dashibodi',
  'admin.nav.vendors': 'Wauzaji',
  'admin.nav.products': 'Bidhaa',
  'admin.nav.orders': 'Maagizo',
  'admin.nav.money': 'Fedha',
  'admin.nav.dead_letters': 'Ujumbe uliokwama',
  'admin.nav.users': 'Watumiaji',
  'admin.error.forbidden': 'Dashibodi hii ni ya waendeshaji. Akaunti yako haina jukumu la msimamizi.',
  'admin.nav.audit': 'Kumbukumbu ya ukaguzi',
} as const satisfies Record<keyof typeof adminEn, string>;
