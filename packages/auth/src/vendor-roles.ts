import { z } from 'zod';

/** What a person may do for their shop: their staff role (owner: the one who applied). */
export const VendorRole = z.enum(['owner', 'manager', 'orders', 'catalog', 'finance']);
export type VendorRole = z.infer<typeof VendorRole>;

/** The roles an owner may give when inviting (there is one owner per shop). */
export const SHOP_STAFF_ROLES = ['manager', 'orders', 'catalog', 'finance'] as const satisfies readonly VendorRole[];
export const ShopStaffRole = z.enum(SHOP_STAFF_ROLES);
export type ShopStaffRole = z.infer<typeof ShopStaffRole>;
