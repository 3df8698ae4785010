import { NotificationContact } from '../../contract';

/** One user as a notification contact, found by a condition on alias u (a typed string, never a caller's SQL). */
export async function findContact(
  db: D1Database,
  where: 'u.id = ?' | 'u.phone = ?' | "u.id = (SELECT user_id FROM vendor_staff WHERE vendor_id = ? AND role = 'owner')",
  value: string,
): Promise<NotificationContact | null> {
  if (typeof value !== 'string') return null;
  const row = await db
    .prepare(
      `SELECT u.id AS userId, u.name, u.phone, u.email, u.language, u.role, u.vendor_id AS vendorId FROM users u WHERE ${where}`,
    )
    .bind(value)
    .first();
  if (!row) return null;
  const firstName =
    String(row.name ?? '')
      .trim()
      .split(/\s+/)[0] ?? '';
  return NotificationContact.parse({ ...row, firstName });
}
