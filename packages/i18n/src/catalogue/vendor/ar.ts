import type { vendorEn } from './en';

export const vendorAr = {} as const satisfies Record<keyof typeof vendorEn, string>;
