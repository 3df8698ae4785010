import type { opsEn } from './en';

export const opsAr = {
  'ops.dashboard.title': 'لوحة المتابعة',
} as const satisfies Record<keyof typeof opsEn, string>;
