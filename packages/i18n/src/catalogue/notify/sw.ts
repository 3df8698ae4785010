import type { notifyEn } from './en';

export const notifySw = {} as const satisfies Record<keyof typeof notifyEn, string>;
