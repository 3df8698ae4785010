import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { integer, SQLiteSyncDialect, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { bound, inJson, qualified, rowWhere } from './index';

const dialect = new SQLiteSyncDialect();
const render = (fragment: ReturnType<typeof sql>) => dialect.sqlToQuery(fragment);

const notes = sqliteTable('notes', {
  id: text('id').primaryKey(),
  body: text('body').notNull().default(''),
  hits: integer('hits').notNull().default(0),
  tag: text('tag'),
});

describe('bound', () => {
  it('keeps a package guard’s binds in place and in order', () => {
    const q = render(sql`SELECT 1 WHERE ${bound({ sql: 'a = ? AND (b > ? OR c = ?)', args: ['x', 2, null] })}`);
    expect(q.sql).toBe('SELECT 1 WHERE a = ? AND (b > ? OR c = ?)');
    expect(q.params).toEqual(['x', 2, null]);
  });

  it('refuses a guard whose binds and values disagree', () => {
    expect(() => bound({ sql: 'a = ? AND b = ?', args: ['x'] })).toThrow(/2 binds/);
  });
});

describe('rowWhere', () => {
  it('lists every column in table order, the omitted ones at their default or NULL', () => {
    const q = render(rowWhere(notes, { id: 'n1', tag: 'red' }, sql`NOT EXISTS (SELECT 1 FROM notes WHERE id = ${'n1'})`));
    expect(q.sql).toBe('SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM notes WHERE id = ?)');
    expect(q.params).toEqual(['n1', '', 0, 'red', 'n1']);
  });

  it('writes NULL for a nullable column given null', () => {
    const q = render(rowWhere(notes, { id: 'n2', tag: null }, sql`1`));
    expect(q.sql).toBe('SELECT ?, ?, ?, NULL WHERE 1');
  });
});

describe('inJson', () => {
  it('binds a whole list of ids as one JSON value', () => {
    const ids = Array.from({ length: 150 }, (_, i) => `id${i}`);
    const q = render(sql`SELECT * FROM notes WHERE ${inJson(notes.id, ids)}`);
    expect(q.params).toHaveLength(1);
    expect(JSON.parse(String(q.params[0]))).toEqual(ids);
  });
});

describe('qualified', () => {
  const lines = sqliteTable('lines', { noteId: text('note_id'), n: integer('n') });
  const q = drizzle({} as D1Database);

  it('names the outer column in a select list subquery, where drizzle would leave it bare', () => {
    const bare = q.select({ n: sql`(SELECT sum(${lines.n}) FROM ${lines} WHERE ${lines.noteId} = ${notes.id})` }).from(notes);
    expect(bare.toSQL().sql).toContain('WHERE "note_id" = "id"');
    const named = q
      .select({ n: sql`(SELECT sum(${lines.n}) FROM ${lines} WHERE ${qualified(lines.noteId)} = ${qualified(notes.id)})` })
      .from(notes);
    expect(named.toSQL().sql).toContain('WHERE "lines"."note_id" = "notes"."id"');
  });
});
