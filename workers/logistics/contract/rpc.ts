import type { PickupStationView, Quote, QuoteInput } from './schemas';

/** A refusal crosses RPC as data (an AppError does not): `reason` is an error code of @linked-all/http. */
export type Refusal = { ok: false; reason: string; detail: string };

/** What orders asks of a pickup station at checkout; `currency` is what delivery in its country is priced in (null: no rates). */
export type StationAnswer = { ok: true; station: PickupStationView; currency: string | null } | Refusal;

export type QuoteAnswer = { ok: true; quote: Quote } | Refusal;

/** The RPC surface of the logistics worker (its `WorkerEntrypoint`), for callers' types and tests. */
export interface LogisticsRpc {
  /** Prices delivery for each vendor order of a cart or an order. */
  quote(input: QuoteInput): Promise<QuoteAnswer>;
  /** One pickup station (active or not: the caller decides what "open" means for it). */
  station(id: string): Promise<StationAnswer>;
  health(): Promise<{ service: 'logistics'; ok: boolean; d1Ms: number }>;
  openapi(): Record<string, unknown>;
}
