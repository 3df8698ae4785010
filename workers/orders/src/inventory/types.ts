// The Inventory object's RPC contract (docs/checkout.md). Plain data: business refusals are
// answers, never thrown, since an AppError does not survive RPC as a class.

export type Level = { skuId: string; onHand: number; held: number; available: number };

export type ReserveResult = { ok: true; level: Level } | { ok: false; reason: 'out_of_stock'; available: number };

export type CommitResult = { ok: true } | { ok: false; reason: 'unknown' | 'released' | 'returned' };

export type ReleaseResult = { ok: true };

/** `returned`: the units this call put back on hand (0 for a hold it released, or a no-op). */
export type RestockResult = { ok: true; returned: number };

export type SetStockResult = { ok: true; level: Level } | { ok: false; reason: 'below_held'; level: Level };

/** Most a vendor may set, and most one reservation may hold. */
export const MAX_STOCK = 1_000_000;

/** Longest hold a reservation may ask for: a checkout waiting a day for mobile money is already lost. */
export const MAX_TTL_MS = 24 * 60 * 60 * 1000;
