export * from './currencies';
export * from './format';
export * from './price-bands';
