import type { shopEn } from './en';

export const shopFr = {} as const satisfies Record<keyof typeof shopEn, string>;
