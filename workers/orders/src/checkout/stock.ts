/** Quantity per SKU across the order's lines: a SKU on two lines is one reservation of their sum. */
export type SkuQuantities = Record<string, number>;

export type ReserveOutcome = { ok: true } | { ok: false; skuIds: string[] };

const inventory = (env: Pick<OrdersEnv, 'INVENTORY'>, skuId: string) => env.INVENTORY.get(env.INVENTORY.idFromName(skuId));

/**
 * Holds every SKU under the order id (the reservation id), all at once. If any SKU is short, the
 * holds this call took are released before answering, so a refused order never keeps stock.
 * Idempotent: the same reservation id gets the Inventory object's first answer again.
 */
export async function reserveStock(
  env: Pick<OrdersEnv, 'INVENTORY'>,
  orderId: string,
  quantities: SkuQuantities,
  ttlMs: number,
): Promise<ReserveOutcome> {
  const skus = Object.keys(quantities);
  const answers = await Promise.all(skus.map((skuId) => inventory(env, skuId).reserve(orderId, quantities[skuId], ttlMs)));
  const short = skus.filter((_, i) => !answers[i].ok);
  if (short.length === 0) return { ok: true };
  await releaseStock(env, orderId, skus);
  return { ok: false, skuIds: short };
}

/** Frees the order's holds; a no-op for SKUs it never held or already committed. */
export async function releaseStock(env: Pick<OrdersEnv, 'INVENTORY'>, orderId: string, skuIds: string[]): Promise<void> {
  await Promise.all(skuIds.map((skuId) => inventory(env, skuId).release(orderId)));
}

/** Turns the holds into sales. Answers the SKUs whose hold had already expired or been released. */
export async function commitStock(env: Pick<OrdersEnv, 'INVENTORY'>, orderId: string, skuIds: string[]): Promise<string[]> {
  const answers = await Promise.all(skuIds.map((skuId) => inventory(env, skuId).commit(orderId)));
  return skuIds.filter((_, i) => !answers[i].ok);
}

/**
 * Gives the order's units of these SKUs back before shipment: committed units return on hand
 * once, holds are released. The reservation id is the order id and each object holds one SKU,
 * so passing a vendor order's SKUs touches exactly that vendor order's units (a SKU has one vendor).
 */
export async function restockStock(env: Pick<OrdersEnv, 'INVENTORY'>, orderId: string, skuIds: string[]): Promise<void> {
  await Promise.all(skuIds.map((skuId) => inventory(env, skuId).restock(orderId)));
}
