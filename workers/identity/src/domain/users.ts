import { outboxStatement, UserCreated, UserUpdated } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import type { RegisterBody, UpdateMeBody, UserView } from '../../contract';
import { orm } from '../db/orm';
import { users } from '../db/schema';
import type { IdentityContext } from './context';
import { hashPassword } from './password';

type UserRow = typeof users.$inferSelect;

export function userView(row: UserRow): UserView {
  return {
    id: row.id,
    phone: row.phone,
    email: row.email,
    name: row.name,
    language: row.language,
    role: row.role,
    vendorId: row.vendorId,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export async function getUser(db: D1Database, id: string): Promise<UserView | null> {
  const row = await orm(db).select().from(users).where(eq(users.id, id)).get();
  return row ? userView(row) : null;
}

/** D1 reports a unique violation as an error message naming the column; map it to a 409 naming the field. */
function conflictFromConstraint(err: unknown): AppError | null {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  if (!/UNIQUE constraint failed/i.test(message)) return null;
  const field = /users\.email/.test(message) ? 'email' : 'phone';
  return new AppError('conflict', `An account with this ${field} already exists`, {
    errors: [{ path: field, message: 'Already registered' }],
  });
}

/** Creates a shopper account (and its password hash, if one is chosen) with a user.created event, in one batch. */
export async function registerUser(ctx: IdentityContext, input: RegisterBody): Promise<UserView> {
  const id = newId('usr', ctx.now);
  const statements = [
    ctx.db
      .prepare(
        `INSERT INTO users (id, phone, email, name, language, role, vendor_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'shopper', NULL, ?, ?)`,
      )
      .bind(id, input.phone, input.email ?? null, input.name, input.language, ctx.now, ctx.now),
    outboxStatement(ctx.db, UserCreated, { userId: id, role: 'shopper', language: input.language }, ctx),
  ];
  if (input.password !== undefined) {
    const hash = await hashPassword(input.password);
    statements.push(ctx.db.prepare('INSERT INTO passwords (user_id, hash, updated_at) VALUES (?, ?, ?)').bind(id, hash, ctx.now));
  }
  try {
    await ctx.db.batch(statements);
  } catch (err) {
    throw conflictFromConstraint(err) ?? err;
  }
  const user = await getUser(ctx.db, id);
  if (!user) throw new Error(`user ${id} vanished after insert`);
  return user;
}

/** Changes the caller's own name, e-mail or language; emits user.updated naming the fields. */
export async function updateUser(ctx: IdentityContext, userId: string, input: UpdateMeBody): Promise<UserView> {
  const fields = Object.keys(input).filter((k) => input[k as keyof UpdateMeBody] !== undefined);
  const sets: string[] = [];
  const values: unknown[] = [];
  if (input.name !== undefined) {
    sets.push('name = ?');
    values.push(input.name);
  }
  if (input.email !== undefined) {
    sets.push('email = ?');
    values.push(input.email);
  }
  if (input.language !== undefined) {
    sets.push('language = ?');
    values.push(input.language);
  }
  try {
    const [update] = await ctx.db.batch([
      ctx.db.prepare(`UPDATE users SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).bind(...values, ctx.now, userId),
      outboxStatement(ctx.db, UserUpdated, { userId, fields }, ctx),
    ]);
    if (update.meta.changes === 0) throw new AppError('not_found', 'Your account no longer exists');
  } catch (err) {
    throw conflictFromConstraint(err) ?? err;
  }
  const user = await getUser(ctx.db, userId);
  if (!user) throw new AppError('not_found', 'Your account no longer exists');
  return user;
}
