import type { opsEn } from './en';

export const opsPt = {
  'ops.dashboard.title': 'Painel',
} as const satisfies Record<keyof typeof opsEn, string>;
