/**
 * Turns what a shopper typed into a safe FTS5 query: words only (letters and
 * digits in any script), each quoted so FTS syntax in the input is inert, all
 * required, and the last word as a prefix so "samsu" finds "Samsung".
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string, { prefixLast = true } = {}): string | null {
  const words = input
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  const terms = words.slice(0, 8).map((w) => `"${w}"`);
  if (prefixLast) terms[terms.length - 1] += '*';
  return terms.join(' ');
}
