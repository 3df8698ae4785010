import type { notifyEn } from './en';

export const notifyPt = {} as const satisfies Record<keyof typeof notifyEn, string>;
