import type { shopEn } from './en';

export const shopSw = {} as const satisfies Record<keyof typeof shopEn, string>;
