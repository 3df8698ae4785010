/** The searchable words of what a shopper typed: letters and digits in any script, lowercased, at most 8. */
export function searchWords(input: string): string[] {
  return (
    input
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, 8);
}

/** A word or phrase as an FTS5 string: quoted, so FTS syntax in the input is inert. */
export const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Turns what a shopper typed into a safe FTS5 query: every word required, the
 * last as a prefix so "samsu" finds "Samsung". Null when nothing searchable is left.
 */
export function toFtsQuery(input: string, { prefixLast = true } = {}): string | null {
  const words = searchWords(input);
  if (!words.length) return null;
  const terms = words.map(quoted);
  if (prefixLast) terms[terms.length - 1] += '*';
  return terms.join(' ');
}
