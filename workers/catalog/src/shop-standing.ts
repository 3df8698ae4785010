import type { ShopStandingSource } from '@linked-all/auth';
import { eq } from 'drizzle-orm';
import { orm } from './db/orm';
import { vendors } from './db/schema';
import type { CatalogApp } from './env';

// The catalog keeps its own projection of shop status (fed by identity-events, which it alone
// consumes): it already hides a suspended shop's products, so its vendor routes read the same row.
export const shopStanding: ShopStandingSource<CatalogApp> = async (env, caller) => {
  const vendor = await orm(env.DB).query.vendors.findFirst({ columns: { status: true }, where: eq(vendors.id, caller.vendorId) });
  const status = vendor?.status;
  if (status === 'active') return { open: true };
  return { open: false, reason: status ? `your shop is ${status}` : 'your shop is not in the catalog yet' };
};
