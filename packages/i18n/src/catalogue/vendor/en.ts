// Words of the vendor app (web/src/vendor). English is the reference: every other language must have every key.
export const vendorEn = {} as const;
