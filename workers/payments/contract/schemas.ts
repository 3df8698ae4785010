import { idPattern } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';
import { AccountKind, ProviderName } from './enums';

export const TrialBalanceView = z.object({
  balanced: z.boolean(),
  currencies: z.array(z.object({ currency: CurrencyCode, total: z.number().int() })),
  accounts: z.array(z.object({ kind: AccountKind, currency: CurrencyCode, total: z.number().int(), count: z.number().int() })),
  unbalancedEntries: z.array(z.string()),
});

export const WalletView = z.object({
  balances: z.array(z.object({ currency: CurrencyCode, balance: z.number().int() })),
  movements: z.array(
    z.object({ entryId: z.string(), kind: z.string(), amount: z.number().int(), currency: CurrencyCode, at: z.iso.datetime() }),
  ),
});

export const WebhookAck = z.object({ received: z.literal(true) });

export const TopUpBody = z.strictObject({
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: CurrencyCode,
  provider: ProviderName,
  // E.164: a plus, a country code, 8–15 digits in all.
  phone: z.string().regex(/^\+[1-9]\d{7,14}$/, 'Give the phone number in international form, e.g. +254712345678'),
});

const Instructions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve_on_phone'), message: z.string() }),
  z.object({ type: z.literal('redirect'), url: z.url(), message: z.string() }),
]);

export const TopUpAccepted = z.object({
  topUpId: z.string(),
  status: z.literal('pending'),
  provider: ProviderName,
  amount: z.number().int(),
  currency: CurrencyCode,
  instructions: Instructions.nullable(),
});

export const TopUpParams = z.object({ topUpId: z.string().regex(idPattern('top')) });

export const TopUpView = z.object({
  topUpId: z.string(),
  status: z.enum(['pending', 'paid', 'failed']),
  provider: ProviderName,
  amount: z.number().int(),
  currency: CurrencyCode,
  orderId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const DevActionParams = z.object({
  paymentId: z.string().regex(idPattern('top')),
  action: z.enum(['approve', 'decline', 'timeout']),
});

// 'drop' plays a callback lost on the way (MoMo sends it once), leaving the poll to settle it.
export const DevActionQuery = z.object({ callback: z.enum(['send', 'drop']).default('send') });

/**
 * Development/test only: run the release job as if the clock read `asOf`, so a test moves a
 * return window past its end without waiting days (the cron runs the same job with the real time).
 */
export const DevReleaseBody = z.object({ asOf: z.iso.datetime({ offset: true }) }).strict();
export const DevReleaseView = z.object({ asOf: z.iso.datetime(), released: z.number().int() });

export const DevActionView = z.object({
  paymentId: z.string(),
  action: z.enum(['approve', 'decline', 'timeout']),
  providerStatus: z.enum(['pending', 'timeout', 'paid', 'failed', 'cancelled']),
  callback: z.object({ sent: z.boolean(), status: z.number().int().optional() }).nullable(),
});

/** RPC `initiate` input (docs/checkout.md): RPC callers skip HTTP validation, so it is checked here. */
export const InitiateInput = z.strictObject({
  orderId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: CurrencyCode,
  provider: ProviderName,
  phone: TopUpBody.shape.phone,
});

/** `GET /v1/wallet/payment-options`: what this shopper can pay an order of `amount` with, before it is placed. */
export const PaymentOptionsQuery = z.object({
  currency: CurrencyCode,
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'A two-letter country code, e.g. KE')
    .optional(),
  amount: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/** Why an option cannot take this order; null when it can. */
export const OptionRefusal = z
  .enum([
    'balance_too_low',
    'no_provider',
    'amount_out_of_range',
    'cod_not_offered',
    'cod_other_currency',
    'cod_over_limit',
    'cod_too_many_open',
  ])
  .nullable();

export const PaymentOptionsView = z.object({
  currency: CurrencyCode,
  country: z.string().nullable(),
  amount: z.number().int(),
  wallet: z.object({ balance: z.number().int(), unavailable: OptionRefusal }),
  mobileMoney: z.object({
    providers: z.array(
      z.object({ provider: ProviderName, min: z.number().int(), max: z.number().int(), unavailable: OptionRefusal }),
    ),
    unavailable: OptionRefusal,
  }),
  payOnDelivery: z.object({
    // The country's rules, shown before the shopper chooses; null where it is not offered.
    maxOrderAmount: z.number().int().nullable(),
    maxOpenOrders: z.number().int().nullable(),
    openOrders: z.number().int(),
    unavailable: OptionRefusal,
  }),
});
export type PaymentOptionsView = z.infer<typeof PaymentOptionsView>;
