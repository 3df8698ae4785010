export * from './envelope';
export * from './catalog-events';
export * from './outbox';
export * from './consume';
