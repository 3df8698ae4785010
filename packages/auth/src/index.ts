export * from './claims';
export * from './middleware';
export * from './shop-guard';
export * from './verify';
