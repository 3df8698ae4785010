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
  const { results } = await db
    .prepare('SELECT id, name, phone, email, role, vendor_id FROM users WHERE phone = ? OR email = ? OR id = ? LIMIT 20')
    .bind(phone, text.toLowerCase(), text)
    .all<{ id: string; name: string; phone: string; email: string | null; role: string; vendor_id: string | null }>();
  return results.map((u) => ({ id: u.id, name: u.name, phone: u.phone, email: u.email, role: u.role, vendorId: u.vendor_id }));
}
