// What other workers and the gateway may use of orders: schemas of its requests, answers and
// views, its ids, the order and vendor-order statuses with their moves. Nothing outside orders
// imports src/.
export * from './cart';
export * from './checkout';
export * from './purchases';
export * from './returns';
export * from './statuses';
export * from './stock';
export * from './views';
