// Words of the operators' console (web/src/admin). English is the reference: every other language must have every key.
export const adminEn = {
  'admin.app.name': 'Linked All Operations',
  'admin.nav.skip': 'Skip to content',
  'admin.nav.dashboard': 'Dashboard',
  'admin.nav.vendors': 'Vendors',
  'admin.nav.products': 'Products',
  'admin.nav.orders': 'Orders',
  'admin.nav.money': 'Money',
  'admin.nav.dead_letters': 'Dead letters',
  'admin.nav.users': 'Users',
  'admin.error.forbidden': 'This console is for operators. Your account does not have the admin role.',
  'admin.nav.audit': 'Audit log',
} as const;
