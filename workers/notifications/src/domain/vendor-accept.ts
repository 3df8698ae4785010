import { can, VendorRole } from '@linked-all/auth';
import { traced } from '@linked-all/http';
import type { NotificationContact } from '@linked-all/identity/contract';
import { sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { orderViews } from '../db/schema';
import { callIdentity, callOrders } from '../service-calls';

// `ACCEPT <code>` by SMS: the vendor app's accept for a phone without data. The code is the one
// the `ORDERS` reply lists (the last 8 characters of the vendor order id); the caller is the
// phone the network gave, never anything typed.

export type AcceptOutcome = 'accepted' | 'already_accepted' | 'not_yours' | 'unknown_code' | 'not_allowed' | 'refused';

const VENDOR_ORDER_CODE = /^[0-9A-Z]{8}$/;

/**
 * Whether this account may accept its shop's orders: the shop's owner or a staff member whose role
 * carries the orders permission (the vendor app's rule, packages/auth vendor-permissions), of an
 * approved shop, with an account that is not locked. Identity's console view of a user is the RPC
 * that names a user's staff role per shop.
 */
async function mayAcceptOrders(env: Pick<NotificationsEnv, 'IDENTITY'>, caller: NotificationContact): Promise<boolean> {
  if (!caller.vendorId) return false;
  const user = await callIdentity(() => traced(env.IDENTITY).adminUser(caller.userId));
  if (!user || user.lock) return false;
  const shop = user.shops.find((s) => s.vendorId === caller.vendorId);
  const role = VendorRole.safeParse(shop?.role);
  return shop?.status === 'approved' && role.success && can(role.data, 'orders');
}

/** The vendor orders our projection knows by that code: usually one, of one shop. */
async function vendorOrdersByCode(db: D1Database, code: string) {
  return orm(db)
    .select({ vendorOrderId: orderViews.vendorOrderId, vendorId: orderViews.vendorId })
    .from(orderViews)
    .where(sql`upper(substr(${orderViews.vendorOrderId}, -8)) = ${code}`)
    .limit(5);
}

/**
 * Accepts the caller's shop's vendor order `code` through orders' own accept (`vendorAccept`, the
 * same domain move as the app). Permission is checked before the code is looked at, so a phone
 * that may not accept learns nothing about any order.
 */
export async function acceptBySms(
  env: Pick<NotificationsEnv, 'IDENTITY' | 'ORDERS' | 'DB'>,
  caller: NotificationContact,
  code: string,
): Promise<AcceptOutcome> {
  if (!(await mayAcceptOrders(env, caller))) return 'not_allowed';
  if (!VENDOR_ORDER_CODE.test(code)) return 'unknown_code';
  const found = await vendorOrdersByCode(env.DB, code);
  if (found.length === 0) return 'unknown_code';
  const own = found.find((f) => f.vendorId === caller.vendorId);
  if (!own || !caller.vendorId) return 'not_yours';
  const vendorId = caller.vendorId;
  const answer = await callOrders(() => traced(env.ORDERS).vendorAccept({ vendorOrderId: own.vendorOrderId, vendorId }));
  if (answer.ok) return answer.applied ? 'accepted' : 'already_accepted';
  // orders' word wins over our projection: not its shop's (not_found), or past accepting.
  return answer.reason === 'not_found' ? 'not_yours' : 'refused';
}
