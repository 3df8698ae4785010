// What other workers and the gateway may use of payments: schemas of its HTTP requests, answers
// and views, its enums, and the inputs and answers of its RPC methods (docs/checkout.md).
// Nothing outside payments imports src/.
export * from './checkout-rpc';
export * from './cod-cash';
export * from './enums';
export * from './schemas';
export * from './vendor-money';
