export * from './claims';
export * from './verify';
export * from './middleware';
