export * from './catalog-events';
export * from './consume';
export * from './envelope';
export * from './outbox';
export * from './user-events';
