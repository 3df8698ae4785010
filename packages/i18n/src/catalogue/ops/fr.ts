import type { opsEn } from './en';

export const opsFr = {
  'ops.dashboard.title': 'Tableau de bord',
} as const satisfies Record<keyof typeof opsEn, string>;
