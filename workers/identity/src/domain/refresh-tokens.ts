// Opaque refresh tokens: 32 random bytes (base64url) given to the client once,
// stored only as SHA-256. Every use rotates the token inside its family; a token
// used a second time means it was copied, so the whole family is revoked.

export const REFRESH_TOKEN_DAYS = 30;
const REFRESH_TOKEN_MS = REFRESH_TOKEN_DAYS * 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function hashRefreshToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export type NewRefreshToken = { token: string; hash: string };

export async function newRefreshToken(): Promise<NewRefreshToken> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { token, hash: await hashRefreshToken(token) };
}

/** The statement that stores a new family's first token (goes in the login batch). */
export function insertRefreshTokenStatement(
  db: D1Database,
  token: NewRefreshToken,
  userId: string,
  familyId: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .bind(token.hash, familyId, userId, now, now + REFRESH_TOKEN_MS);
}

export type Rotation =
  | { ok: true; token: NewRefreshToken; userId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused'; userId?: string };

type Row = { family_id: string; user_id: string; expires_at: number; rotated_at: number | null; revoked_at: number | null };

/**
 * Exchanges a refresh token for a new one in the same family. The claim (mark
 * the old row rotated, if it is still live) and the insert of its successor run
 * in one batch, and the insert only copies a row the claim just marked, so two
 * concurrent uses of one token can never both succeed.
 */
export async function rotateRefreshToken(db: D1Database, presented: string, now: number): Promise<Rotation> {
  if (!TOKEN.test(presented)) return { ok: false, reason: 'unknown' };
  const oldHash = await hashRefreshToken(presented);
  const next = await newRefreshToken();
  const [claim] = await db.batch([
    db
      .prepare(
        `UPDATE refresh_tokens SET rotated_at = ?, replaced_by = ?
         WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
      )
      .bind(now, next.hash, oldHash, now),
    db
      .prepare(
        `INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at)
         SELECT ?, family_id, user_id, ?, ? FROM refresh_tokens WHERE token_hash = ? AND replaced_by = ?`,
      )
      .bind(next.hash, now, now + REFRESH_TOKEN_MS, oldHash, next.hash),
  ]);
  const row = await db
    .prepare('SELECT family_id, user_id, expires_at, rotated_at, revoked_at FROM refresh_tokens WHERE token_hash = ?')
    .bind(oldHash)
    .first<Row>();
  if (!row) return { ok: false, reason: 'unknown' };
  if (claim.meta.changes === 1) return { ok: true, token: next, userId: row.user_id, familyId: row.family_id };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked', userId: row.user_id };
  if (row.rotated_at !== null) {
    await revokeFamily(db, row.family_id, now);
    return { ok: false, reason: 'reused', userId: row.user_id };
  }
  return { ok: false, reason: 'expired', userId: row.user_id };
}

/** Revokes every token of a family that is not revoked yet (logout, or reuse detected). */
export async function revokeFamily(db: D1Database, familyId: string, now: number): Promise<number> {
  const result = await db
    .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL')
    .bind(now, familyId)
    .run();
  return result.meta.changes;
}

/** The family and owner of a presented token, if it is one of ours (for logout). */
export async function findRefreshToken(db: D1Database, presented: string): Promise<{ familyId: string; userId: string } | null> {
  if (!TOKEN.test(presented)) return null;
  const row = await db
    .prepare('SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = ?')
    .bind(await hashRefreshToken(presented))
    .first<{ family_id: string; user_id: string }>();
  return row ? { familyId: row.family_id, userId: row.user_id } : null;
}
