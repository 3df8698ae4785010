import { ShopStaffRole, VendorRole } from '@linked-all/auth';
import { idPattern } from '@linked-all/http';
import { LOCALES } from '@linked-all/i18n';
import { CURRENCIES, CurrencyCode } from '@linked-all/money';
import { z } from 'zod';

// Identity's public contract. Requests are validated and responses are
// documented (OpenAPI) from these schemas; TypeScript types are inferred from them.

export const UserId = z.string().regex(idPattern('usr'), 'Expected a user id like usr_…');
export const AddressId = z.string().regex(idPattern('adr'), 'Expected an address id like adr_…');
export const Phone = z
  .string()
  .trim()
  .regex(/^\+[1-9][0-9]{7,14}$/, 'Expected an E.164 phone number like +254700000001');
export const Email = z
  .email('Expected an e-mail address')
  .max(254)
  .transform((e) => e.toLowerCase());
/** The languages of the message catalogue: every word a user reads, an SMS included, exists in each. */
export const Language = z.enum(LOCALES);
export type Language = z.infer<typeof Language>;
// rider and station_agent: logistics staff, given by an admin (routes/admin-roles.ts).
export const Role = z.enum(['shopper', 'vendor', 'admin', 'rider', 'station_agent']);
export type Role = z.infer<typeof Role>;
const Name = z.string().trim().min(1, 'Enter a name').max(100);
// Checked only when a password is chosen; at login any wrong password is just wrong.
const NewPassword = z.string().min(8, 'Use at least 8 characters').max(256, 'Use at most 256 characters');
const GivenPassword = z.string().min(1).max(256);

export const RegisterBody = z
  .object({
    phone: Phone,
    password: NewPassword.optional(),
    name: Name,
    email: Email.optional(),
    language: Language.default('en'),
  })
  .strict();
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z
  .object({ phone: Phone.optional(), email: Email.optional(), password: GivenPassword })
  .strict()
  .refine((b) => (b.phone === undefined) !== (b.email === undefined), {
    message: 'Send either phone or email',
    path: ['phone'],
  });
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

export const TokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const UserView = z.object({
  id: UserId,
  phone: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  language: Language,
  role: Role,
  vendorId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof UserView>;

export const RegisterResponse = z.object({ user: UserView }).extend(TokenPair.partial().shape);

export const UpdateMeBody = z
  .object({ name: Name.optional(), email: Email.nullable().optional(), language: Language.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one of name, email, language' });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const AddressBody = z
  .object({
    label: z.string().trim().min(1).max(40).optional(),
    landmark: z.string().trim().min(3, 'Describe how to find the place').max(300),
    city: z.string().trim().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'Expected an ISO 3166 country code like KE'),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    pickupStationId: z
      .string()
      .regex(/^[a-z]{2,4}_[0-9a-z]{4,40}$/, 'Expected a pickup station id')
      .optional(),
  })
  .strict()
  .refine((a) => (a.lat === undefined) === (a.lng === undefined), { message: 'Send lat and lng together', path: ['lat'] });
export type AddressBody = z.infer<typeof AddressBody>;

export const AddressView = z.object({
  id: AddressId,
  label: z.string().nullable(),
  landmark: z.string(),
  city: z.string(),
  country: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  pickupStationId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** The address checkout picks first; at most one per user. */
  isDefault: z.boolean(),
});
export type AddressView = z.infer<typeof AddressView>;

export const AddressParams = z.object({ id: AddressId });

export const OtpRequestBody = z.object({ phone: Phone }).strict();
export const OtpVerifyBody = z
  .object({ phone: Phone, code: z.string().regex(/^[0-9]{6}$/, 'Expected the 6-digit code') })
  .strict();
export const OtpRequested = z.object({ expiresIn: z.number().int() });
/** A forgotten password: the SMS code proves the phone, then the new password replaces the old. */
export const PasswordResetBody = z.object({ phone: Phone, code: OtpVerifyBody.shape.code, password: NewPassword }).strict();
/** PUT /v1/me/password: the current password proves it is the owner, not someone holding a stolen token. */
export const PasswordChangeBody = z.object({ currentPassword: GivenPassword, password: NewPassword }).strict();

/**
 * The access-token claim that carries the user's token version: a password reset or change raises
 * the version, and the gateway refuses any token of an older one (a token without it is version 0).
 */
export const TOKEN_VERSION_CLAIM = 'tv';

// Vendors. Countries and currencies are the catalog's: a shop sells in its country's currency.
export const VendorId = z.string().regex(idPattern('vnd'), 'Expected a vendor id like vnd_…');
export const Country = z.enum(['NG', 'KE', 'GH', 'CI', 'ZA', 'EG', 'UG', 'RW', 'TZ']);
export const VendorStatus = z.enum(['pending', 'approved', 'suspended', 'closed']);

export const ApplyVendorBody = z
  .object({
    businessName: z.string().trim().min(2).max(100),
    country: Country,
    currency: CurrencyCode,
    payoutPhone: Phone,
  })
  .strict()
  .refine((b) => CURRENCIES[b.currency].country === b.country, {
    message: "Use the currency of the shop's country",
    path: ['currency'],
  });
export type ApplyVendorBody = z.infer<typeof ApplyVendorBody>;

export const StaffMember = z.object({
  userId: UserId,
  name: z.string(),
  phone: z.string(),
  role: VendorRole,
  addedAt: z.iso.datetime(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const VendorView = z.object({
  id: VendorId,
  businessName: z.string(),
  country: Country,
  currency: CurrencyCode,
  payoutPhone: z.string(),
  status: VendorStatus,
  statusReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type VendorView = z.infer<typeof VendorView>;

export const MyVendorView = VendorView.extend({ myRole: VendorRole });

// Without a role the invitee becomes a manager (orders, catalog and money, not payouts' phone or staff).
export const AddStaffBody = z.object({ phone: Phone, role: ShopStaffRole.default('manager') }).strict();
/** The owner renames the shop (country and currency are fixed: prices are in them). */
export const ShopProfileBody = z.object({ businessName: z.string().trim().min(2).max(100) }).strict();
/** A new payout phone: a code goes to it by SMS, and only the code makes it the payout phone. */
export const PayoutPhoneBody = z.object({ phone: Phone }).strict();
export const PayoutPhoneConfirmBody = z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/, 'The 6-digit code') }).strict();
export const PayoutPhoneCodeSent = z.object({ phone: z.string(), expiresAt: z.iso.datetime() });
export const InvitationId = z.string().regex(idPattern('inv'), 'Expected an invitation id like inv_…');
export const InvitationParams = z.object({ id: InvitationId });
/** What the inviter learns: the same for every number, registered or not. */
export const InvitationSent = z.object({ phone: z.string(), expiresAt: z.iso.datetime() });
/** What the invitee sees of an invitation to them. */
export const StaffInvitationView = z.object({
  id: InvitationId,
  vendor: z.object({ id: VendorId, businessName: z.string() }),
  role: ShopStaffRole,
  expiresAt: z.iso.datetime(),
});
export type StaffInvitationView = z.infer<typeof StaffInvitationView>;
export const StaffParams = z.object({ userId: UserId });
export const VendorParams = z.object({ id: VendorId });
export const SuspendBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const AdminVendorsQuery = z
  .object({
    status: VendorStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(400).optional(),
  })
  .strict();
export type AdminVendorsQuery = z.infer<typeof AdminVendorsQuery>;

/**
 * How to reach a person, for the notifications service only (over RPC, never over HTTP): events
 * carry no phone or e-mail, so notifications asks identity just before it sends.
 */
export const NotificationContact = z.object({
  userId: UserId,
  /** The first word of the account's name: how a message or a rider greets the person. */
  firstName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  language: Language,
  role: z.enum(['shopper', 'vendor', 'admin']),
  vendorId: VendorId.nullable(),
});
export type NotificationContact = z.infer<typeof NotificationContact>;
