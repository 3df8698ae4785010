import type { vendorEn } from './en';

export const vendorSw = {} as const satisfies Record<keyof typeof vendorEn, string>;
