import { type AuditQuery, backlog, listAudit } from '@linked-all/events';
import { TracedEntrypoint } from '@linked-all/events/traced-entrypoint';
import { AppError, installFaultSwitch, openApiPaths } from '@linked-all/http';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { NotificationContact } from '../contract';
import { createApp } from './app';
import { type AdminUserAction, adminUser, forcePasswordReset, lockUser, onCallOperators, unlockUser } from './console-users';
import { orm } from './db/orm';
import { getAddress } from './domain/addresses';
import { findUsers } from './domain/admin-users';
import { findContact } from './domain/contacts';
import { relayIdentityOutbox } from './domain/relay';
import { tokenVersionOf } from './domain/sessions';
import { keyRing } from './domain/signing-keys';
import { vendorById } from './domain/vendors';

const app = createApp();

/**
 * The identity worker. HTTP (`fetch`) serves /v1/auth, /v1/me and the JWKS
 * behind the gateway; `scheduled` re-sends outbox rows a crash left behind.
 */
export default class IdentityService extends TracedEntrypoint<IdentityEnv>('identity') {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  override async scheduled() {
    await relayIdentityOutbox(this.env);
  }

  /** The published key set (public keys only), for workers that want it over RPC instead of a var. */
  async jwks() {
    return (await keyRing(this.env)).jwks;
  }

  /**
   * One of the user's addresses, or null when it is missing or another user's: checkout asks this
   * before it ships anywhere, so an order can only go to an address its shopper owns.
   */
  async address(userId: string, addressId: string) {
    try {
      return await getAddress(this.env.DB, userId, addressId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }

  /**
   * The status of a shop (null when identity knows no such shop): every vendor route asks this
   * through the shared guard, so a suspension holds at once, whatever older token a vendor carries.
   */
  async shopStatus(vendorId: string): Promise<string | null> {
    return (await vendorById(this.env.DB, vendorId))?.status ?? null;
  }

  /** The shop's payout phone (owner-set, SMS-verified): where staff members' payouts may go. */
  async payoutPhone(vendorId: string): Promise<string | null> {
    return (await vendorById(this.env.DB, vendorId))?.payoutPhone ?? null;
  }

  /**
   * The user's token version: the gateway refuses an access token that carries an older one (a
   * password reset or change raised it), so such tokens die at once, not at their expiry.
   */
  async tokenVersion(userId: string): Promise<number> {
    return tokenVersionOf(this.env.DB, String(userId));
  }

  /** How to reach a user (notifications asks before it sends; events carry no phone). */
  async contact(userId: string): Promise<NotificationContact | null> {
    return findContact(this.env.DB, 'u.id = ?', userId);
  }

  /** How to reach a shop's owner (a vendor's "new order" and payout messages). */
  async vendorContact(vendorId: string): Promise<NotificationContact | null> {
    return findContact(this.env.DB, "u.id = (SELECT user_id FROM vendor_staff WHERE vendor_id = ? AND role = 'owner')", vendorId);
  }

  /** The account behind a phone number the network gave (USSD and SMS callers), or null. */
  async contactByPhone(phone: string): Promise<NotificationContact | null> {
    return findContact(this.env.DB, 'u.phone = ?', phone);
  }

  /** Liveness plus a real round trip to D1 and a usable signing key. */
  async health() {
    const started = Date.now();
    await orm(this.env.DB).get(sql`SELECT 1`);
    const ring = await keyRing(this.env);
    return { ...(await backlog(this.env.DB)), service: 'identity', ok: true, d1Ms: Date.now() - started, kid: ring.kid };
  }

  /** The console's search: users by phone, e-mail or id. */
  adminFindUsers(q: string) {
    return findUsers(this.env.DB, String(q).slice(0, 200));
  }

  /** The console's user screen: roles, shops, sign-in state and lock (console-users.ts). */
  adminUser(userId: string) {
    return adminUser(this.env.DB, String(userId));
  }

  /** The console locks an account (audited): no sign-in, every refresh token revoked. */
  adminLockUser(input: AdminUserAction) {
    return lockUser(this.env.DB, input);
  }

  /** The console lifts a lock (audited). */
  adminUnlockUser(input: AdminUserAction) {
    return unlockUser(this.env.DB, input);
  }

  /** The console forces a password reset (audited); the answer carries the code for notifications to send. */
  adminForcePasswordReset(input: AdminUserAction) {
    return forcePasswordReset({ db: this.env.DB, tokens: this.env, now: Date.now() }, input);
  }

  /** Who hears of alerts: the admins, unlocked (notifications asks when an alert changes state). */
  onCallOperators() {
    return onCallOperators(this.env.DB);
  }

  /** The console's audit log: this service's admin writes matching the filter, newest first. */
  adminAudit(query: z.input<typeof AuditQuery>) {
    return listAudit(this.env.DB, 'identity', query);
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(IdentityService, 'identity');
