import type { shopEn } from './en';

export const shopAr = {} as const satisfies Record<keyof typeof shopEn, string>;
