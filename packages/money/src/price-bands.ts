import { type CurrencyCode, fromMajor } from './currencies';

// Band edges in major units, chosen so each band means roughly the same basket
// in every market (≈ under $5, $5–20, $20–75, $75–250, over $250).
const EDGES_MAJOR: Record<CurrencyCode, number[]> = {
  NGN: [7_500, 30_000, 110_000, 375_000],
  KES: [650, 2_600, 9_700, 32_000],
  GHS: [75, 300, 1_100, 3_700],
  XOF: [3_000, 12_000, 45_000, 150_000],
  ZAR: [90, 360, 1_350, 4_500],
  EGP: [250, 1_000, 3_700, 12_500],
  UGX: [18_000, 73_000, 275_000, 920_000],
  RWF: [7_000, 28_000, 105_000, 350_000],
  TZS: [13_000, 52_000, 195_000, 650_000],
  USD: [5, 20, 75, 250],
};

export type PriceBand = { min: number; max: number | null };

/** Price bands of a currency in minor units; the last band is open-ended. */
export function priceBands(currency: CurrencyCode): PriceBand[] {
  const edges = EDGES_MAJOR[currency].map((m) => fromMajor(m, currency));
  return [0, ...edges].map((min, i) => ({ min, max: edges[i] ?? null }));
}
