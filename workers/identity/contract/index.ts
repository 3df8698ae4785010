// What other workers and the gateway may use of identity: schemas of its requests, answers and
// views, its ids and enums. Nothing outside identity imports src/.
export * from './schemas';
