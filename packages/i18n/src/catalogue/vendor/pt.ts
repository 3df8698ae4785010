import type { vendorEn } from './en';

export const vendorPt = {} as const satisfies Record<keyof typeof vendorEn, string>;
