import type { notifyEn } from './en';

export const notifyAr = {} as const satisfies Record<keyof typeof notifyEn, string>;
