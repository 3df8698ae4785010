import { eq, or } from 'drizzle-orm';
import { orm } from '../db/orm';
import { users } from '../db/schema';

/** A user as the console finds them. */
export type FoundUser = { id: string; name: string; phone: string; email: string | null; role: string; vendorId: string | null };

/**
 * Users by phone (exact, E.164 or with spaces) or e-mail (exact, any case), or by id: the
 * console's search box. Up to 20.
 */
export async function findUsers(db: D1Database, q: string): Promise<FoundUser[]> {
  const text = q.trim();
  if (!text) return [];
  const phone = text.replace(/[\s()-]/g, '');
  return orm(db)
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      email: users.email,
      role: users.role,
      vendorId: users.vendorId,
    })
    .from(users)
    .where(or(eq(users.phone, phone), eq(users.email, text.toLowerCase()), eq(users.id, text)))
    .limit(20)
    .all();
}
