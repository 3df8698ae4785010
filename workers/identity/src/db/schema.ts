import { SHOP_STAFF_ROLES, type VendorRole } from '@linked-all/auth';
import { LOCALES } from '@linked-all/i18n';
import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { VendorView } from '../../contract';

export { adminAudit, idempotencyKeys, outbox, processedEvents } from '@linked-all/events/schema';

// Mirrors migrations/identity/*.sql (the SQL files are the source of truth for DDL).
// Enums are the contract's lists (types only: the CHECKs live in the migrations). Password hashes
// and refresh tokens are read only in src/domain/sessions.ts and refresh-tokens.ts, never into a view.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  phone: text('phone').notNull(),
  email: text('email'),
  name: text('name').notNull(),
  language: text('language', { enum: LOCALES }).notNull().default('en'),
  role: text('role', { enum: ['shopper', 'vendor', 'admin', 'rider', 'station_agent'] })
    .notNull()
    .default('shopper'),
  vendorId: text('vendor_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  phoneVerifiedAt: integer('phone_verified_at'),
  /** Raised by a password reset or change: older access tokens stop working (TOKEN_VERSION_CLAIM). */
  tokenVersion: integer('token_version').notNull().default(0),
});

export const addresses = sqliteTable('addresses', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  label: text('label'),
  landmark: text('landmark').notNull(),
  city: text('city').notNull(),
  country: text('country').notNull(),
  lat: real('lat'),
  lng: real('lng'),
  pickupStationId: text('pickup_station_id'),
  createdAt: integer('created_at').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
});

export const loginFailures = sqliteTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: integer('locked_until').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const otpCodes = sqliteTable('otp_codes', {
  phone: text('phone').primaryKey(),
  codeHash: text('code_hash').notNull(),
  salt: text('salt').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const passwords = sqliteTable('passwords', {
  userId: text('user_id').primaryKey(),
  hash: text('hash').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const refreshTokens = sqliteTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  familyId: text('family_id').notNull(),
  userId: text('user_id').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  rotatedAt: integer('rotated_at'),
  replacedBy: text('replaced_by'),
  revokedAt: integer('revoked_at'),
});

export const staffInvitations = sqliteTable('staff_invitations', {
  id: text('id').primaryKey(),
  vendorId: text('vendor_id').notNull(),
  phone: text('phone').notNull(),
  invitedBy: text('invited_by').notNull(),
  status: text('status').notNull().default('pending'),
  answeredBy: text('answered_by'),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
  answeredAt: integer('answered_at'),
  role: text('role', { enum: SHOP_STAFF_ROLES }).notNull().default('manager'),
});

export const payoutPhoneChanges = sqliteTable('payout_phone_changes', {
  vendorId: text('vendor_id').primaryKey(),
  phone: text('phone').notNull(),
  codeHash: text('code_hash').notNull(),
  salt: text('salt').notNull(),
  attempts: integer('attempts').notNull().default(0),
  requestedBy: text('requested_by').notNull(),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const vendorStaff = sqliteTable(
  'vendor_staff',
  {
    vendorId: text('vendor_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').$type<VendorRole>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.vendorId, t.userId] })],
);

export const vendors = sqliteTable('vendors', {
  id: text('id').primaryKey(),
  businessName: text('business_name').notNull(),
  country: text('country').$type<VendorView['country']>().notNull(),
  currency: text('currency').$type<VendorView['currency']>().notNull(),
  payoutPhone: text('payout_phone').notNull(),
  status: text('status').$type<VendorView['status']>().notNull().default('pending'),
  statusReason: text('status_reason'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Accounts an operator locked (src/console-users.ts): no sign-in, no refresh. */
export const userLocks = sqliteTable('user_locks', {
  userId: text('user_id').primaryKey(),
  reason: text('reason').notNull(),
  lockedBy: text('locked_by').notNull(),
  lockedAt: integer('locked_at').notNull(),
});
