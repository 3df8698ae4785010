import type { vendorEn } from './en';

export const vendorFr = {} as const satisfies Record<keyof typeof vendorEn, string>;
