import { LOCALES } from '@linked-all/i18n';
import { z } from 'zod';
import { defineEvent, eventUnion } from './envelope';

// Identity's events (queue identity-events): user.* and vendor.*. Payloads carry the user id and the facts consumers need
// (role, language for templates), never the phone, e-mail or name.

const UserRef = { userId: z.string() };
const Role = z.enum(['shopper', 'vendor', 'admin']);
// Every language of the message catalogue (ar and pt joined while no consumer read user.created: same version).
const Language = z.enum(LOCALES);

export const UserCreated = defineEvent('user.created', 1, z.object({ ...UserRef, role: Role, language: Language }));

export const UserUpdated = defineEvent('user.updated', 1, z.object({ ...UserRef, fields: z.array(z.string()) }));

export const UserLogin = defineEvent('user.login', 1, z.object({ ...UserRef, method: z.enum(['password', 'otp']) }));

export const UserLogout = defineEvent('user.logout', 1, z.object({ ...UserRef }));

export const USER_EVENTS = [UserCreated, UserUpdated, UserLogin, UserLogout] as const;

/** A vendor may now list and sell; carries what the catalog needs to open (or reopen) the shop. */
export const VendorApproved = defineEvent(
  'vendor.approved',
  1,
  z.object({ vendorId: z.string(), name: z.string(), country: z.string(), currency: z.string() }),
);

/** A vendor's listings disappear and its writes are refused until it is approved again. */
export const VendorSuspended = defineEvent('vendor.suspended', 1, z.object({ vendorId: z.string(), reason: z.string() }));

/** For good: the shop stays hidden and the vendor cannot be approved again. */
export const VendorClosed = defineEvent('vendor.closed', 1, z.object({ vendorId: z.string(), reason: z.string() }));

export const VENDOR_EVENTS = [VendorApproved, VendorSuspended, VendorClosed] as const;

const IDENTITY_EVENTS = [...USER_EVENTS, ...VENDOR_EVENTS] as const;

/** Any event on the identity-events queue. */
export const IdentityEvent = eventUnion(IDENTITY_EVENTS);
export type IdentityEvent = z.infer<typeof IdentityEvent>;
