import { and, eq, type SQL, sql } from 'drizzle-orm';
import { NotificationContact } from '../../contract';
import { orm } from '../db/orm';
import { users, vendorStaff } from '../db/schema';

/** The ways a contact is found, named as the callers name them (a typed key, never a caller's SQL). */
const conditions = {
  'u.id = ?': (value: string) => eq(users.id, value),
  'u.phone = ?': (value: string) => eq(users.phone, value),
  "u.id = (SELECT user_id FROM vendor_staff WHERE vendor_id = ? AND role = 'owner')": (value: string) =>
    eq(
      users.id,
      sql`(SELECT ${vendorStaff.userId} FROM ${vendorStaff} WHERE ${and(eq(vendorStaff.vendorId, value), eq(vendorStaff.role, 'owner'))})`,
    ),
} satisfies Record<string, (value: string) => SQL | undefined>;

/** One user as a notification contact, found by one of the conditions above. */
export async function findContact(
  db: D1Database,
  where: keyof typeof conditions,
  value: string,
): Promise<NotificationContact | null> {
  if (typeof value !== 'string') return null;
  const row = await orm(db)
    .select({
      userId: users.id,
      name: users.name,
      phone: users.phone,
      email: users.email,
      language: users.language,
      role: users.role,
      vendorId: users.vendorId,
    })
    .from(users)
    .where(conditions[where](value))
    .get();
  if (!row) return null;
  const firstName = row.name.trim().split(/\s+/)[0] ?? '';
  return NotificationContact.parse({ ...row, firstName });
}
