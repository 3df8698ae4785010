import { z } from 'zod';
import { VendorRole } from './vendor-roles';

// rider and station_agent: logistics staff, assigned by an admin (identity).
export const Role = z.enum(['shopper', 'vendor', 'admin', 'rider', 'station_agent']);
export type Role = z.infer<typeof Role>;

/** The claims every worker trusts in an access token (issued by identity). */
export const AccessClaims = z
  .object({
    sub: z.string().regex(/^usr_[0-9a-z]+$/),
    role: Role,
    vendorId: z
      .string()
      .regex(/^vnd_[0-9a-z]+$/)
      .optional(),
    // The person's staff role in that shop: every worker checks permissions from it.
    vendorRole: VendorRole.optional(),
    jti: z.string().min(8),
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number().int(),
    iat: z.number().int().optional(),
    nbf: z.number().int().optional(),
  })
  .refine((c) => c.role !== 'vendor' || c.vendorId, { message: 'vendor tokens carry vendorId', path: ['vendorId'] })
  .refine((c) => c.role !== 'vendor' || c.vendorRole, { message: 'vendor tokens carry vendorRole', path: ['vendorRole'] });
export type AccessClaims = z.infer<typeof AccessClaims>;

/** What handlers see of the caller. */
export type Principal = { userId: string; role: Role; vendorId?: string; vendorRole?: VendorRole };
