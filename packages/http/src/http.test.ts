import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, keyset } from './cursor';
import { AppError } from './errors';
import { IdempotencyHeader, IdempotencyKey } from './idempotency';
import { idPattern, newId, uuidv7 } from './ids';
import { nextTraceparent } from './request-context';

describe('cursors', () => {
  const Cursor = z.object({ k: z.number(), id: z.string() });

  it('round-trips a keyset position', () => {
    expect(decodeCursor(encodeCursor({ k: 12.5, id: 'prd_abc' }), Cursor)).toEqual({ k: 12.5, id: 'prd_abc' });
  });

  it.each(['', 'not base64!', encodeCursor({ k: 'x' }), encodeCursor([1, 2])])('turns a tampered cursor %j into a 400', (bad) => {
    expect(() => decodeCursor(bad, Cursor)).toThrow(AppError);
    try {
      decodeCursor(bad, Cursor);
    } catch (err) {
      expect((err as AppError).status).toBe(400);
    }
  });
});

describe('keyset paging', () => {
  const rows = [
    { at: 30, id: 'b' },
    { at: 20, id: 'c' },
    { at: 20, id: 'a' },
  ];

  it('keeps a page of `limit` rows and names the next one only when a row was left over', () => {
    const first = keyset.page(rows, 2, (r) => ({ k: r.at, id: r.id }));
    expect(first.page).toEqual(rows.slice(0, 2));
    expect(decodeCursor(first.nextCursor ?? '', z.object({ k: z.number(), id: z.string() }))).toEqual({ k: 20, id: 'c' });
    expect(keyset.page(rows, 3, (r) => ({ k: r.at, id: r.id })).nextCursor).toBeNull();
    expect(keyset.page(rows, 2, (r) => ({ k: null, id: r.id })).nextCursor).toBeNull();
  });

  it('continues after the cursor in either direction, and has no condition on the first page', () => {
    const cursor = encodeCursor({ k: 20, id: 'c' });
    expect(keyset.after(undefined, 'created_at')).toBeNull();
    expect(keyset.after(cursor, 'o.created_at', 'o.id')).toEqual({
      sql: '(o.created_at < ? OR (o.created_at = ? AND o.id < ?))',
      args: [20, 20, 'c'],
    });
    expect(keyset.after(cursor, 'created_at', 'id', 'asc')?.sql).toBe('(created_at > ? OR (created_at = ? AND id > ?))');
    expect(() => keyset.after('bm90LWEtY3Vyc29y', 'created_at')).toThrow(AppError);
  });
});

describe('Idempotency-Key', () => {
  it('accepts 8–200 characters of A–Z a–z 0–9 _ . : - and names the header in its refusals', () => {
    expect(IdempotencyKey.safeParse('checkout-0001:a.b_c').success).toBe(true);
    expect(IdempotencyKey.safeParse('short').success).toBe(false);
    expect(IdempotencyKey.safeParse('x'.repeat(201)).success).toBe(false);
    expect(IdempotencyHeader.safeParse({}).error?.issues[0]?.message).toBe('The Idempotency-Key header is required');
  });
});

describe('ids', () => {
  it('makes prefixed ids that sort by creation time', () => {
    const a = newId('prd', 1_700_000_000_000);
    const b = newId('prd', 1_700_000_000_001);
    expect(a).toMatch(idPattern('prd'));
    expect(a < b).toBe(true);
  });

  it('makes RFC 9562 version-7 UUIDs ordered by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_100_000);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});

describe('trace context', () => {
  it("continues the caller's trace with a new span", () => {
    const next = nextTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(next).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(next).not.toContain('00f067aa0ba902b7');
  });

  it.each([undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'])(
    'starts a new trace for %j',
    (incoming) => {
      expect(nextTraceparent(incoming)).toMatch(/^00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    },
  );
});
