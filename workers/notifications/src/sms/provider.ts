import type { SmsProviderName } from '../../contract/enums';

/** A fetch the adapters call: the real network in staging/production, the in-worker sandbox in dev and tests. */
export type ProviderHttp = (url: string, init: RequestInit) => Promise<Response>;

/** What a provider answered for one recipient. */
export type SmsResult =
  | { ok: true; providerMessageId: string; costMicros: number | null; costCurrency: string | null }
  | { ok: false; error: string };

/** One adapter per provider; the same code talks to the real API or to the sandbox. */
export interface SmsProvider {
  readonly name: SmsProviderName;
  send(to: string, body: string): Promise<SmsResult>;
}

/** "KES 0.8000" (Africa's Talking) or "-0.0075" with a unit (Twilio) as millionths of the major unit. */
export function micros(amount: string): number | null {
  const n = Number(amount);
  return Number.isFinite(n) ? Math.round(Math.abs(n) * 1_000_000) : null;
}
