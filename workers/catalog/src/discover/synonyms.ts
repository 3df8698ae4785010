import { bumpVersions } from '@linked-all/cache';
import { statement } from '@linked-all/db';
import { auditStatement } from '@linked-all/events';
import { asc, eq } from 'drizzle-orm';
import type { SynonymGroup, SynonymGroupInput } from '../../contract';
import { orm } from '../db/orm';
import { searchSynonyms } from '../db/schema';

type Editor = { db: D1Database; cache: KVNamespace; adminId: string; now: number };

/** Every synonym group: each term with the words a search for it also matches, alphabetically. */
export async function listSynonyms(db: D1Database): Promise<{ items: SynonymGroup[] }> {
  const results = await orm(db)
    .select({ term: searchSynonyms.term, synonym: searchSynonyms.synonym })
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.term), asc(searchSynonyms.synonym));
  const groups = new Map<string, string[]>();
  for (const { term, synonym } of results) groups.set(term, [...(groups.get(term) ?? []), synonym]);
  return { items: [...groups].map(([term, synonyms]) => ({ term, synonyms })) };
}

/**
 * Adds a group (and, two-way, each synonym → term) with its audit row in one batch, then bumps the
 * listing version: search reads synonyms from D1 on every uncached query, and the bump makes every
 * cached search answer (catalog, gateway, edge pages) unreachable, so it takes effect at once.
 */
export async function addSynonyms(e: Editor, group: SynonymGroupInput): Promise<void> {
  const db = orm(e.db);
  const pairs = group.synonyms.flatMap((s) => [[group.term, s], ...(group.twoWay && !s.includes(' ') ? [[s, group.term]] : [])]);
  await e.db.batch([
    ...pairs.map(([term, synonym]) => statement(e.db, db.insert(searchSynonyms).values({ term, synonym }).onConflictDoNothing())),
    auditStatement(
      e.db,
      {
        actor: e.adminId,
        action: 'synonym.add',
        target: `synonym:${group.term}`,
        detail: { synonyms: group.synonyms, twoWay: group.twoWay },
      },
      { now: e.now },
    ),
  ]);
  await bumpVersions(e.cache, [], `synonyms:${e.now}`);
}

/**
 * Removes a term's whole group (the reverse pairs of a two-way group are groups of their own);
 * false when the term had none (nothing written, nothing audited).
 */
export async function removeSynonyms(e: Editor, term: string): Promise<boolean> {
  const [removed] = await e.db.batch([
    statement(e.db, orm(e.db).delete(searchSynonyms).where(eq(searchSynonyms.term, term))),
    auditStatement(
      e.db,
      { actor: e.adminId, action: 'synonym.remove', target: `synonym:${term}` },
      {
        now: e.now,
        when: { sql: 'changes() > 0', args: [] },
      },
    ),
  ]);
  if (removed.meta.changes === 0) return false;
  await bumpVersions(e.cache, [], `synonyms:${e.now}`);
  return true;
}
