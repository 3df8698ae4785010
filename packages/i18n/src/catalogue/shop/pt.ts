import type { shopEn } from './en';

export const shopPt = {} as const satisfies Record<keyof typeof shopEn, string>;
