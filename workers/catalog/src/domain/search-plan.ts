import { inJson, statement } from '@linked-all/db';
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
 * likely means (a category named by a word, else where the last word's title matches mostly are).
 */
export type SearchPlan = {
  groups: string[][];
  correctedQuery: string | null;
  intentCategoryIds: string[];
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

// Raw: FTS5 MATCH.
const exists = (db: Db, match: string) =>
  db.prepare('SELECT EXISTS (SELECT 1 FROM products_search WHERE products_search MATCH ?) AS hit').bind(match);

/** Works out the plan for `q`; null when it has no searchable word. */
export async function planSearch(db: Db, q: string): Promise<SearchPlan | null> {
  const words = searchWords(q);
  if (!words.length) return null;
  const last = words.length - 1;
  const [synonymRows, categoryRows, ...hits] = await db.batch<Record<string, unknown>>([
    statement(db, synonymsOf(db, words)),
    statement(db, orm(db).select({ id: categories.id, name: categories.name }).from(categories)),
    ...words.map((w, i) => exists(db, i === last ? `${quoted(w)}*` : quoted(w))),
  ]);

  // A word no product has is corrected to the nearest word of titles sharing its first two letters.
  const missing = words.filter((w, i) => !(hits[i].results[0] as { hit: number }).hit && w.length > 3);
  const corrections = new Map<string, string>();
  if (missing.length) {
    const samples = await db.batch<{ title: string }>(
      missing.map((w) =>
        db
          .prepare(
            `SELECT title FROM products WHERE rowid IN
               (SELECT rowid FROM products_search WHERE products_search MATCH ? LIMIT ${SPELLING_SAMPLE})`,
          )
          .bind(`${NAME_COLUMNS} : ${quoted(w.slice(0, 2))}*`),
      ),
    );
    missing.forEach((w, i) => {
      const known = new Map<string, number>();
      const texts = [
        ...samples[i].results.map((r) => r.title),
        ...(categoryRows.results as { name: string }[]).map((c) => c.name),
      ];
      for (const text of texts) for (const k of searchWords(text)) known.set(k, (known.get(k) ?? 0) + 1);
      const fixed = closestWord(w, known);
      if (fixed && fixed !== w) corrections.set(w, fixed);
    });
  }
  const effective = words.map((w) => corrections.get(w) ?? w);

  let synonymList = synonymRows.results as { term: string; synonym: string }[];
  if (corrections.size) {
    // The corrected words' own synonyms ("phne" → phone → smartphone).
    const more = await synonymsOf(db, [...corrections.values()]);
    synonymList = [...synonymList, ...more];
  }
  const synonyms = new Map<string, string[]>();
  for (const { term, synonym } of synonymList) {
    synonyms.set(term, [...(synonyms.get(term) ?? []), synonym]);
  }
  const groups = effective.map((w, i) => {
    const own = i === last && !corrections.has(words[i]) ? `${quoted(w)}*` : quoted(w);
    return [own, ...(synonyms.get(w) ?? synonyms.get(words[i]) ?? []).map(quoted)];
  });

  // Intent: categories a word (or a synonym) names by one of their head nouns: "phone" means
  // "Feature Phones" and "Phones & Tablets", not "Phone Accessories".
  const named = new Set(effective.flatMap((w) => [w, ...(synonyms.get(w) ?? [])]).flatMap(variants));
  const intent = (categoryRows.results as { id: string; name: string }[])
    .filter((c) => headNouns(c.name).some((n) => named.has(n)))
    .map((c) => c.id);
  if (!intent.length) {
    // Else where the last word's title matches mostly are: "infinix charger" means chargers.
    const top = await db
      .prepare(
        // Among 2,000 title matches in index order (unranked, so a fair sample, not the shortest
        // titles bm25 favours), not all of them: the majority is as clear, at a fixed cost.
        `SELECT p.category_id AS id, count(*) AS n
           FROM (SELECT rowid FROM products_search WHERE products_search MATCH ? LIMIT 2000) m
           CROSS JOIN products p ON p.rowid = m.rowid
         WHERE p.status = 'active' GROUP BY p.category_id ORDER BY n DESC LIMIT 1`,
      )
      .bind(`{title} : (${groups[last].join(' OR ')})`)
      .first<{ id: string }>();
    if (top) intent.push(top.id);
  }
  return {
    groups,
    correctedQuery: corrections.size ? effective.join(' ') : null,
    intentCategoryIds: intent,
  };
}

/** The FTS5 MATCH expression of a plan in a mode. */
export function matchExpression(plan: SearchPlan, mode: SearchMode): string {
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
