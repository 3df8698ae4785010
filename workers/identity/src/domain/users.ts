import { statement } from '@linked-all/db';
import { outboxStatement, UserCreated, UserUpdated } from '@linked-all/events';
import { AppError, newId } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import type { RegisterBody, UpdateMeBody, UserView } from '../../contract';
import { orm } from '../db/orm';
import { passwords, users } from '../db/schema';
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
    statement(
      ctx.db,
      orm(ctx.db)
        .insert(users)
        .values({
          id,
          phone: input.phone,
          email: input.email ?? null,
          name: input.name,
          language: input.language,
          role: 'shopper',
          vendorId: null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }),
    ),
    outboxStatement(ctx.db, UserCreated, { userId: id, role: 'shopper', language: input.language }, ctx),
  ];
  if (input.password !== undefined) {
    const hash = await hashPassword(input.password);
    statements.push(statement(ctx.db, orm(ctx.db).insert(passwords).values({ userId: id, hash, updatedAt: ctx.now })));
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
  try {
    const [update] = await ctx.db.batch([
      // drizzle leaves a field that is undefined out of the SET: only what the caller sent changes.
      statement(
        ctx.db,
        orm(ctx.db)
          .update(users)
          .set({ name: input.name, email: input.email, language: input.language, updatedAt: ctx.now })
          .where(eq(users.id, userId)),
      ),
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
