export * from './catalog-events';
export * from './consume';
export * from './envelope';
export * from './outbox';
export * from './payment-events';
export * from './user-events';
