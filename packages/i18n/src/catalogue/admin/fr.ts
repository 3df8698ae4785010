import type { adminEn } from './en';

export const adminFr = {
  'admin.app.name': 'Linked All Exploitation',
  'admin.nav.skip': 'Aller au contenu',
  'admin.nav.dashboard': 'Tableau de bord',
  'admin.nav.vendors': 'Vendeurs',
  'admin.nav.products': 'Produits',
  'admin.nav.orders': 'Commandes',
  'admin.nav.money': 'Argent',
  'admin.nav.dead_letters': 'Lettres mortes',
  'admin.nav.users': 'Utilisateurs',
  'admin.error.forbidden': 'Cette console est réservée aux opérateurs. Votre compte n’a pas le rôle administrateur.',
  'admin.nav.audit': 'Journal d’audit',
} as const satisfies Record<keyof typeof adminEn, string>;
