// What other workers and the gateway may use of notifications: its request/answer schemas, enums
// and RPC types. Nothing outside notifications imports src/.
export * from './enums';
export type * from './rpc';
export * from './schemas';
