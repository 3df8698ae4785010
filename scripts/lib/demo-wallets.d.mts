// Types for demo-wallets.mjs, for the end-to-end tests that fund their own shoppers.
export type Funding = { currency: string; provider: string; amount: number };
export type FundedShopper = { userId: string; phone: string };
export const DEMO_FUNDING: Funding[];
export const DEMO_SHOPPERS: FundedShopper[];
/** Tops up and approves every shopper's wallet in every funded currency; returns how many were credited now. */
export function fundDemoWallets(baseUrl: string, options?: { shoppers?: FundedShopper[]; funding?: Funding[] }): Promise<number>;
