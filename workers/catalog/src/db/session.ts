/**
 * What domain functions read through: the database or a D1 session. Reads go
 * through a session so they can be served by a nearby read replica; the
 * bookmark a write returns travels back to the client (header `x-d1-bookmark`)
 * so its next read sees its own write.
 */
export type Db = D1Database | D1DatabaseSession;

export const BOOKMARK_HEADER = 'x-d1-bookmark';

const BOOKMARK = /^[A-Za-z0-9-]{1,200}$/;

/** A read session that continues from the client's bookmark when it sends a valid one. */
export function readSession(db: D1Database, bookmark?: string | null): D1DatabaseSession {
  return db.withSession(bookmark && BOOKMARK.test(bookmark) ? bookmark : 'first-unconstrained');
}

/** A session whose first query goes to the primary: for writes and what must read them. */
export function writeSession(db: D1Database): D1DatabaseSession {
  return db.withSession('first-primary');
}
