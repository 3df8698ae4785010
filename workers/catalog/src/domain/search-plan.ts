import { inJson, statement } from '@linked-all/db';
import { and, gte, lt } from 'drizzle-orm';
import type { SearchMode } from '../../contract';
import { orm } from '../db/orm';
import { categories, searchSynonyms } from '../db/schema';
import type { Db } from '../db/session';
import { quoted, searchWords } from './search-query';
import { closestWord } from './spelling';

// The FTS5 queries here stay raw SQL on purpose (`MATCH`, column filters, `bm25`/`rank`), which
// drizzle's query builder cannot express; the synonym and category look-ups go through the builder.

/**
 * What a search looks for, worked out before the listing query: each word as a group of FTS terms
 * (the word, or its spelling correction, and its synonyms), and the categories the shopper most
 * likely means: a category named by a word, else where the last word's title matches mostly are
 * (`intentSample`, sampled by the search's own statement, which saves a round trip).
 */
export type SearchPlan = {
  groups: string[][];
  correctedQuery: string | null;
  intentCategoryIds: string[];
  /** The title MATCH whose matches' commonest category is the one meant; null when a word named categories. */
  intentSample: string | null;
};

// The columns of products_search a mode matches: title and category names first, descriptions
// only when nothing else matched (a phone's "comes with charger" must not answer "charger").
const NAME_COLUMNS = '{title leaf parents}';
// Titles sampled to find the known word nearest to a typo.
const SPELLING_SAMPLE = 400;

/** A word's singular and plural spellings, enough to match a category name ("laptop" ↔ "Laptops"). */
function variants(word: string): string[] {
  if (word.endsWith('ies')) return [word, `${word.slice(0, -3)}y`];
  if (word.endsWith('es')) return [word, word.slice(0, -2), word.slice(0, -1)];
  if (word.endsWith('s')) return [word, word.slice(0, -1)];
  return [word, `${word}s`, `${word}es`];
}

/** The head noun of each part of a category name: "Fridges, Freezers & ACs" → fridges, freezers, acs. */
function headNouns(name: string): string[] {
  return name
    .split(/,|&|\band\b/)
    .map((part) => searchWords(part).at(-1))
    .filter((w): w is string => Boolean(w));
}

const synonymsOf = (db: Db, terms: string[]) =>
  orm(db)
    .select({ term: searchSynonyms.term, synonym: searchSynonyms.synonym })
    .from(searchSynonyms)
    .where(inJson(searchSynonyms.term, terms));

/** Synonyms of every term sharing `word`'s first two letters, where a correction of `word` most likely is. */
const synonymsStartingLike = (db: Db, word: string) => {
  const prefix = word.slice(0, 2);
  const after = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return orm(db)
    .select({ term: searchSynonyms.term, synonym: searchSynonyms.synonym })
    .from(searchSynonyms)
    .where(and(gte(searchSynonyms.term, prefix), lt(searchSynonyms.term, after)));
};

// Raw: FTS5 MATCH.
const exists = (db: Db, match: string) =>
  db.prepare('SELECT EXISTS (SELECT 1 FROM products_search WHERE products_search MATCH ?) AS hit').bind(match);

/** Whether some product has the word (as a prefix when it is the query's last word). */
const hasWord = (db: Db, word: string, isLast: boolean) => exists(db, isLast ? `${quoted(word)}*` : quoted(word));

/** Titles of products whose names have a word sharing `word`'s first two letters: the words a typo most likely meant. */
const namesLike = (db: Db, word: string) =>
  db
    .prepare(
      `SELECT title FROM products WHERE rowid IN
         (SELECT rowid FROM products_search WHERE products_search MATCH ? LIMIT ${SPELLING_SAMPLE})`,
    )
    .bind(`${NAME_COLUMNS} : ${quoted(word.slice(0, 2))}*`);

/** Words short enough to be a whole other word with one typo are never corrected. */
const correctable = (word: string) => word.length > 3;

/** The nearest word of `names` (titles and category names) to a word no product has; null when none is near. */
function correction(word: string, names: string[]): string | null {
  const known = new Map<string, number>();
  for (const text of names) for (const k of searchWords(text)) known.set(k, (known.get(k) ?? 0) + 1);
  const fixed = closestWord(word, known);
  return fixed && fixed !== word ? fixed : null;
}

/**
 * Corrections of a query's misspelt words, in one round trip: whether each word is known and the
 * names it could have meant, asked together (for suggest, which has already found nothing, so a
 * typo is likely and a second round trip would be the slowest part of its answer).
 */
export async function spellingCorrections(db: Db, words: string[], categoryNames: string[]): Promise<Map<string, string>> {
  const last = words.length - 1;
  const asked = words.map((w, i) => ({ w, i })).filter(({ w }) => correctable(w));
  if (!asked.length) return new Map();
  const answers = await db.batch<Record<string, unknown>>(
    asked.flatMap(({ w, i }) => [hasWord(db, w, i === last), namesLike(db, w)]),
  );
  const corrections = new Map<string, string>();
  asked.forEach(({ w }, k) => {
    if ((answers[2 * k].results[0] as { hit: number }).hit) return;
    const titles = (answers[2 * k + 1].results as { title: string }[]).map((r) => r.title);
    const fixed = correction(w, [...titles, ...categoryNames]);
    if (fixed) corrections.set(w, fixed);
  });
  return corrections;
}

/** Each word as its FTS terms: the word (or its correction; the last, uncorrected, as a prefix) and its synonyms. */
export function wordGroups(
  words: string[],
  corrections: Map<string, string>,
  synonyms = new Map<string, string[]>(),
): string[][] {
  const last = words.length - 1;
  return words.map((word, i) => {
    const w = corrections.get(word) ?? word;
    const own = i === last && !corrections.has(word) ? `${quoted(w)}*` : quoted(w);
    return [own, ...(synonyms.get(w) ?? synonyms.get(word) ?? []).map(quoted)];
  });
}

/** Works out the plan for `q`; null when it has no searchable word. */
export async function planSearch(db: Db, q: string): Promise<SearchPlan | null> {
  const words = searchWords(q);
  if (!words.length) return null;
  const last = words.length - 1;
  const [synonymRows, categoryRows, ...hits] = await db.batch<Record<string, unknown>>([
    statement(db, synonymsOf(db, words)),
    statement(db, orm(db).select({ id: categories.id, name: categories.name }).from(categories)),
    ...words.map((w, i) => hasWord(db, w, i === last)),
  ]);
  const categoryList = categoryRows.results as { id: string; name: string }[];

  // A word no product has is corrected to the nearest word of names sharing its first two letters,
  // and the synonyms of words sharing them are asked in the same round trip: a correction starts
  // with the typo's first two letters unless the typo is in them, which costs one more.
  const missing = words.filter((w, i) => !(hits[i].results[0] as { hit: number }).hit && correctable(w));
  const corrections = new Map<string, string>();
  let synonymList = synonymRows.results as { term: string; synonym: string }[];
  if (missing.length) {
    const answers = await db.batch<Record<string, unknown>>(
      missing.flatMap((w) => [namesLike(db, w), statement(db, synonymsStartingLike(db, w))]),
    );
    missing.forEach((w, i) => {
      const titles = (answers[2 * i].results as { title: string }[]).map((r) => r.title);
      const fixed = correction(w, [...titles, ...categoryList.map((c) => c.name)]);
      if (!fixed) return;
      corrections.set(w, fixed);
      synonymList = [...synonymList, ...(answers[2 * i + 1].results as typeof synonymList).filter((r) => r.term === fixed)];
    });
    const unasked = [...corrections].filter(([w, fixed]) => !fixed.startsWith(w.slice(0, 2))).map(([, fixed]) => fixed);
    if (unasked.length) synonymList = [...synonymList, ...(await synonymsOf(db, unasked))];
  }
  const effective = words.map((w) => corrections.get(w) ?? w);

  const synonyms = new Map<string, string[]>();
  for (const { term, synonym } of synonymList) {
    synonyms.set(term, [...(synonyms.get(term) ?? []), synonym]);
  }
  const groups = wordGroups(words, corrections, synonyms);

  // Intent: categories a word (or a synonym) names by one of their head nouns: "phone" means
  // "Feature Phones" and "Phones & Tablets", not "Phone Accessories".
  const named = new Set(effective.flatMap((w) => [w, ...(synonyms.get(w) ?? [])]).flatMap(variants));
  const intent = categoryList.filter((c) => headNouns(c.name).some((n) => named.has(n))).map((c) => c.id);
  return {
    groups,
    correctedQuery: corrections.size ? effective.join(' ') : null,
    intentCategoryIds: intent,
    // Else where the last word's title matches mostly are: "infinix charger" means chargers.
    intentSample: intent.length ? null : `{title} : (${groups[last].join(' OR ')})`,
  };
}

/** The FTS5 MATCH expression of a plan in a mode. */
export function matchExpression(plan: Pick<SearchPlan, 'groups'>, mode: SearchMode): string {
  const groups = plan.groups.map((g) => `(${g.join(' OR ')})`);
  const joined = groups.join(mode === 'all' || mode === 'all_text' ? ' AND ' : ' OR ');
  return mode === 'all' || mode === 'any' ? `${NAME_COLUMNS} : (${joined})` : joined;
}

/** Each word group on its own, for counting how many words a product matches in an `any` mode. */
export function groupExpressions(plan: SearchPlan, mode: SearchMode): string[] {
  return plan.groups.map((g) => (mode === 'any' ? `${NAME_COLUMNS} : (${g.join(' OR ')})` : `(${g.join(' OR ')})`));
}

/** The modes to try, in order, until one finds something. */
export const SEARCH_MODES: SearchMode[] = ['all', 'any', 'all_text', 'any_text'];
