import type { adminEn } from './en';

export const adminAr = {
  'admin.app.name': 'Linked All العمليات',
  'admin.nav.skip': 'انتقل إلى المحتوى',
  'admin.nav.dashboard': 'لوحة المتابعة',
  'admin.nav.vendors': 'البائعون',
  'admin.nav.products': 'المنتجات',
  'admin.nav.orders': 'الطلبات',
  'admin.nav.money': 'المال',
  'admin.nav.dead_letters': 'الرسائل المتعثرة',
  'admin.nav.users': 'المستخدمون',
  'admin.error.forbidden': 'هذه اللوحة مخصصة للمشغلين. حسابك لا يملك دور المسؤول.',
  'admin.nav.audit': 'سجل التدقيق',
} as const satisfies Record<keyof typeof adminEn, string>;
