export * from './claims';
export * from './middleware';
export * from './verify';
