import { idPattern } from '@linked-all/http';
import { ProviderName } from '@linked-all/payments/contract';
import { z } from 'zod';
import { CartId } from './cart';

const Payment = z.discriminatedUnion('method', [
  z.object({ method: z.literal('wallet') }).strict(),
  z
    .object({
      method: z.literal('mobile_money'),
      // The providers are payments' to name: a new one reaches checkout without a change here.
      provider: ProviderName,
      phone: z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'E.164, e.g. +2348012345678'),
    })
    .strict(),
  z
    .object({
      method: z.literal('pay_on_delivery'),
      country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. NG'),
    })
    .strict(),
]);
export type Payment = z.infer<typeof Payment>;

export const CheckoutBody = z
  .object({
    cartId: CartId,
    shippingAddressId: z.string().regex(idPattern('adr'), 'Expected an address id like adr_…').optional(),
    // Pickup stations belong to logistics (not built yet); identity accepts the same shape.
    pickupStationId: z
      .string()
      .regex(/^[a-z]{2,4}_[0-9a-z]{4,40}$/, 'Expected a pickup station id')
      .optional(),
    payment: Payment,
  })
  .strict()
  .refine((b) => (b.shippingAddressId === undefined) !== (b.pickupStationId === undefined), {
    message: 'Send exactly one of shippingAddressId and pickupStationId',
    path: ['shippingAddressId'],
  });
export type CheckoutBody = z.infer<typeof CheckoutBody>;

export const CheckoutAccepted = z.object({
  orderId: z.string(),
  status: z.string(),
  statusUrl: z.string(),
});
