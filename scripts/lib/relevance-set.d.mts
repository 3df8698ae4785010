// Types for relevance-set.mjs, so TypeScript callers (the e2e suite) are checked.

export type RelevanceEntry = {
  q: string;
  title?: string;
  categories?: string[];
  country?: string;
  shopperCountry?: string;
};
export type ListedProduct = { title: string; country: string; category: { slug: string } };

export const RELEVANCE_SET: RelevanceEntry[];
export function relevanceUrl(entry: RelevanceEntry): string;
export function isRelevant(entry: RelevanceEntry, product: ListedProduct): boolean;
export function precisionAt5(entry: RelevanceEntry, items: ListedProduct[]): number;
