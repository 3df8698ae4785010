// Words of shopper pages (web/src/shop, web/src/pages). English is the reference: every other language must have every key.
export const shopEn = {} as const;
