import type { CurrencyCode } from '@linked-all/money';
import type { ProviderName } from '../../contract/enums';

/** A provider charge as the adapters see it (a row of `topups`). */
export type Charge = {
  id: string;
  userId: string;
  provider: ProviderName;
  /** Our id, sent to the provider as its merchant reference (tx_ref, externalId, reference). */
  reference: string;
  /** The provider's own id for the charge, once known (CheckoutRequestID, X-Reference-Id). */
  providerReference: string | null;
  amount: number;
  currency: CurrencyCode;
  orderId: string | null;
  status: 'pending' | 'paid' | 'failed';
  createdAt: number;
};

/** What the shopper does next: approve on the phone, or finish on the provider's page. */
export type Instructions = { type: 'approve_on_phone'; message: string } | { type: 'redirect'; url: string; message: string };

export type StartChargeInput = {
  charge: Charge;
  /** E.164 with the plus sign. */
  phone: string;
  /** Where an unsigned provider must call back (carries the per-charge token); null for signed providers. */
  callbackUrl: string | null;
};

export type StartChargeResult =
  | { status: 'pending'; providerReference: string; instructions: Instructions }
  | { status: 'failed'; message: string };

export type FinalState = 'paid' | 'failed' | 'cancelled';

/** What the provider's status API says, in our minor units. */
export type ProviderStatus = { status: FinalState | 'pending'; amount?: number; currency?: string; reason?: string };

export type ParsedCallback = {
  /** Unique with the provider and `event`: a replayed callback is recorded once. */
  reference: string;
  event: string;
  /** Only a final state moves money, and only after a status query agrees. */
  final: FinalState | null;
  /** The provider's transaction id when the callback names one (Flutterwave's verify-by-id needs it). */
  transactionId?: string;
};

/** How a provider proves a callback is its own. */
export type CallbackAuth =
  /** The body is signed with a shared secret (Paystack, Flutterwave). */
  | 'signature'
  /** The body is unsigned; the callback URL carries a per-charge token only we and the provider know (M-Pesa, MoMo). */
  | 'token';

/** One adapter per provider; the same code talks to the real API or to the sandbox. */
export interface PaymentProvider {
  readonly name: ProviderName;
  readonly callbackAuth: CallbackAuth;
  /** Asks the provider to collect the money. Never throws for a refusal; a transport failure throws. */
  startCharge(input: StartChargeInput): Promise<StartChargeResult>;
  /** The provider's authoritative view of the charge: the only thing that ever moves money. */
  queryStatus(charge: Charge, hint?: ParsedCallback): Promise<ProviderStatus>;
  /**
   * Whether a callback is authentic, on the raw bytes before anything parses them. For token
   * providers the route has already matched the URL token to `charge`.
   */
  verifyCallback(raw: ArrayBuffer, headers: Headers, charge?: Charge): Promise<boolean>;
  /** Reads a verified callback; throws a 400 AppError when it is not the provider's shape. */
  parseCallback(raw: string): ParsedCallback;
}

/** How adapters reach a provider: `fetch` in staging/production, the in-worker sandbox in development/test. */
export type ProviderHttp = (url: string, init: RequestInit) => Promise<Response>;

/** What every adapter is built from. */
export type ProviderDeps = { env: PaymentsEnv; http: ProviderHttp; now: () => number };

/** A synthetic, non-personal email for providers that insist on one: we have no reason to share the shopper's. */
export const walletEmail = (userId: string) => `${userId}@wallet.linkedall.africa`;
