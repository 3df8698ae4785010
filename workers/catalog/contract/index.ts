// What other workers and the gateway may use of catalog: schemas of its requests, answers and
// views, its ids and enums, and the shapes of its RPC methods. Nothing outside catalog imports src/.
export * from './discover';
export * from './moderation';
export * from './reviews';
export * from './schemas';
export * from './sku-details';
