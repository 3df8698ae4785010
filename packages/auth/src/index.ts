export * from './claims';
export * from './middleware';
export * from './shop-guard';
export * from './vendor-permissions';
export * from './vendor-roles';
export * from './verify';
