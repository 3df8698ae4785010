import { z } from 'zod';
import { AppError } from './errors';

/** Opaque keyset cursor: base64url JSON, validated on the way back in. */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decodes a cursor made by `encodeCursor`; a tampered one is a 400, not a 500. */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return schema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    throw new AppError('validation_failed', 'The cursor is not valid; start again without it', {
      errors: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  }
}

const KeysetCursor = z.object({ k: z.number(), id: z.string() });

/**
 * Keyset paging on (key column, id), the one way lists page (newest first unless `'asc'`): `after`
 * is the SQL condition (and its binds) that continues after a cursor, null on the first page;
 * fetch `limit + 1` rows ordered by `key, id` in that direction, then `page` keeps `limit` of them
 * and names the next page's cursor (null when there is none, or when the last row has no key yet).
 */
export const keyset = {
  after(
    cursor: string | undefined,
    keyColumn: string,
    idColumn = 'id',
    direction: 'desc' | 'asc' = 'desc',
  ): { sql: string; args: unknown[] } | null {
    if (!cursor) return null;
    const { k, id } = decodeCursor(cursor, KeysetCursor);
    const past = direction === 'desc' ? '<' : '>';
    return { sql: `(${keyColumn} ${past} ? OR (${keyColumn} = ? AND ${idColumn} ${past} ?))`, args: [k, k, id] };
  },
  page<R>(
    rows: R[],
    limit: number,
    keyOf: (row: R) => { k: number | null; id: string },
  ): { page: R[]; nextCursor: string | null } {
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const key = last && rows.length > limit ? keyOf(last) : null;
    return { page, nextCursor: key && key.k !== null ? encodeCursor({ k: key.k, id: key.id }) : null };
  },
};
