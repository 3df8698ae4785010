import type { ShopStandingSource } from '@linked-all/auth';
import type { CatalogApp } from './env';

// The catalog keeps its own projection of shop status (fed by identity-events, which it alone
// consumes): it already hides a suspended shop's products, so its vendor routes read the same row.
export const shopStanding: ShopStandingSource<CatalogApp> = async (env, caller) => {
  const status = await env.DB.prepare('SELECT status FROM vendors WHERE id = ?').bind(caller.vendorId).first<string>('status');
  if (status === 'active') return { open: true };
  return { open: false, reason: status ? `your shop is ${status}` : 'your shop is not in the catalog yet' };
};
