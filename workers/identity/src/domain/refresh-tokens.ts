import { statement } from '@linked-all/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { refreshTokens } from '../db/schema';

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
  return statement(
    db,
    orm(db)
      .insert(refreshTokens)
      .values({ tokenHash: token.hash, familyId, userId, createdAt: now, expiresAt: now + REFRESH_TOKEN_MS }),
  );
}

export type Rotation =
  | { ok: true; token: NewRefreshToken; userId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused'; userId?: string };

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
  const o = orm(db);
  const [claim] = await db.batch([
    statement(
      db,
      o
        .update(refreshTokens)
        .set({ rotatedAt: now, replacedBy: next.hash })
        .where(
          and(
            eq(refreshTokens.tokenHash, oldHash),
            isNull(refreshTokens.rotatedAt),
            isNull(refreshTokens.revokedAt),
            gt(refreshTokens.expiresAt, now),
          ),
        ),
    ),
    // The successor copies family and owner from the row the claim above marked with its hash.
    statement(
      db,
      o.insert(refreshTokens).select(
        o
          .select({
            tokenHash: sql<string>`${next.hash}`.as('token_hash'),
            familyId: refreshTokens.familyId,
            userId: refreshTokens.userId,
            createdAt: sql<number>`${now}`.as('created_at'),
            expiresAt: sql<number>`${now + REFRESH_TOKEN_MS}`.as('expires_at'),
            rotatedAt: sql<null>`NULL`.as('rotated_at'),
            replacedBy: sql<null>`NULL`.as('replaced_by'),
            revokedAt: sql<null>`NULL`.as('revoked_at'),
          })
          .from(refreshTokens)
          .where(and(eq(refreshTokens.tokenHash, oldHash), eq(refreshTokens.replacedBy, next.hash))),
      ),
    ),
  ]);
  const row = await o
    .select({
      familyId: refreshTokens.familyId,
      userId: refreshTokens.userId,
      rotatedAt: refreshTokens.rotatedAt,
      revokedAt: refreshTokens.revokedAt,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, oldHash))
    .get();
  if (!row) return { ok: false, reason: 'unknown' };
  if (claim.meta.changes === 1) return { ok: true, token: next, userId: row.userId, familyId: row.familyId };
  if (row.revokedAt !== null) return { ok: false, reason: 'revoked', userId: row.userId };
  if (row.rotatedAt !== null) {
    await revokeFamily(db, row.familyId, now);
    return { ok: false, reason: 'reused', userId: row.userId };
  }
  return { ok: false, reason: 'expired', userId: row.userId };
}

/** Revokes every token of a family that is not revoked yet (logout, or reuse detected). */
export async function revokeFamily(db: D1Database, familyId: string, now: number): Promise<number> {
  const result = await orm(db)
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .run();
  return result.meta.changes;
}

/** The family and owner of a presented token, if it is one of ours (for logout). */
export async function findRefreshToken(db: D1Database, presented: string): Promise<{ familyId: string; userId: string } | null> {
  if (!TOKEN.test(presented)) return null;
  const hash = await hashRefreshToken(presented);
  const row = await orm(db)
    .select({ familyId: refreshTokens.familyId, userId: refreshTokens.userId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hash))
    .get();
  return row ?? null;
}
