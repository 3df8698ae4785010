import type { opsEn } from './en';

export const opsSw = {
  'ops.dashboard.title': 'Dashibodi',
} as const satisfies Record<keyof typeof opsEn, string>;
