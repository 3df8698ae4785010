import type { notifyEn } from './en';

export const notifyFr = {} as const satisfies Record<keyof typeof notifyEn, string>;
