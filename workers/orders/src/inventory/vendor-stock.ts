import { AppError, traced } from '@linked-all/http';
import { callCatalog } from '../service-calls';
import type { Level } from './types';

type Env = Pick<OrdersEnv, 'CATALOG' | 'INVENTORY'>;

const inventoryOf = (env: Env, skuId: string) => env.INVENTORY.get(env.INVENTORY.idFromName(skuId));

/** The catalog says whose SKU it is; another vendor's SKU is "not found", like the catalog answers. */
async function assertOwned(env: Env, vendorId: string, skuId: string) {
  const [sku] = await callCatalog(() => traced(env.CATALOG).skus([skuId]));
  if (!sku || sku.vendorId !== vendorId) throw new AppError('not_found', `You have no SKU ${skuId}`);
}

export async function stockLevel(env: Env, vendorId: string, skuId: string): Promise<Level> {
  await assertOwned(env, vendorId, skuId);
  return inventoryOf(env, skuId).level();
}

/** The vendor counts what is on the shelf; units held by checkouts in progress cannot be counted away. */
export async function setStock(env: Env, vendorId: string, skuId: string, quantity: number): Promise<Level> {
  await assertOwned(env, vendorId, skuId);
  const result = await inventoryOf(env, skuId).setStock(skuId, quantity);
  if (!result.ok) {
    throw new AppError(
      'conflict',
      `${result.level.held} of ${skuId} are held by checkouts in progress; set at least ${result.level.held}`,
      { skuId, held: result.level.held },
    );
  }
  return result.level;
}
