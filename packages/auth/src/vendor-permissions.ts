import { AppError } from '@linked-all/http';
import type { MiddlewareHandler } from 'hono';
import type { Principal } from './claims';
import { type AuthVariables, callerOf } from './middleware';
import type { VendorRole } from './vendor-roles';

/**
 * orders: accept, reject, mark ready, packing slips · catalog: products, photos, prices, stock ·
 * finance: balances, statements, payouts · staff: invite and remove · settings: shop profile and
 * payout phone.
 */
export const VENDOR_PERMISSIONS = ['orders', 'catalog', 'finance', 'staff', 'settings'] as const;
export type VendorPermission = (typeof VENDOR_PERMISSIONS)[number];

// The one table every worker and the gateway read: a role change is one line here.
const GRANTS: Record<VendorRole, readonly VendorPermission[]> = {
  owner: VENDOR_PERMISSIONS,
  manager: ['orders', 'catalog', 'finance'],
  orders: ['orders'],
  catalog: ['catalog'],
  finance: ['finance'],
};

/** Whether a staff role carries a permission. */
export function can(role: VendorRole | undefined, permission: VendorPermission): boolean {
  return role !== undefined && GRANTS[role].includes(permission);
}

/** The permissions of a role, in the table's order. */
export function permissionsOf(role: VendorRole): readonly VendorPermission[] {
  return GRANTS[role];
}

/** The caller, if their token's staff role carries the permission: 401 without a token, 403 naming it otherwise. */
export function requirePermissionOf(principal: Principal | null, permission: VendorPermission): Principal {
  const caller = callerOf(principal);
  if (caller.role !== 'vendor' || !can(caller.vendorRole, permission)) {
    throw new AppError('forbidden', `This needs the ${permission} permission of your shop`, { permission });
  }
  return caller;
}

/** Middleware form of `requirePermissionOf`: defence in depth behind the gateway's own check. */
export function requirePermission<E extends { Variables: AuthVariables }>(permission: VendorPermission): MiddlewareHandler<E> {
  return async (c, next) => {
    requirePermissionOf(c.get('principal'), permission);
    return next();
  };
}
