/** Levenshtein distance, stopping early once it exceeds `max` (then returns max + 1). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      best = Math.min(best, current[j]);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/** How many typos a word of this length may carry and still be corrected. */
export const typoBudget = (word: string): number => (word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2);

/**
 * The closest known word to `word` within its typo budget, the more frequent one on a tie;
 * null when none is close enough. `known` maps each known word to how often it occurs.
 */
export function closestWord(word: string, known: Map<string, number>): string | null {
  const budget = typoBudget(word);
  if (budget === 0) return null;
  let best: { word: string; distance: number; count: number } | null = null;
  for (const [candidate, count] of known) {
    if (candidate === word) return word;
    const distance = editDistance(word, candidate, budget);
    if (distance > budget) continue;
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
      best = { word: candidate, distance, count };
    }
  }
  return best?.word ?? null;
}
