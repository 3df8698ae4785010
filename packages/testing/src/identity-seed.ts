/** A random E.164 number, unique enough for one test file's accounts. */
export function randomPhone(): string {
  return `+2547${String(crypto.getRandomValues(new Uint32Array(1))[0] % 100_000_000).padStart(8, '0')}`;
}

/**
 * Puts a shop and one member into identity's D1 as approval (or suspension) leaves them, for tests
 * of other workers' vendor routes: the shared shop guard asks identity about exactly these rows.
 */
export async function seedIdentityShop(
  db: D1Database,
  shop: { vendorId: string; userId: string; status?: 'pending' | 'approved' | 'suspended' | 'closed' },
): Promise<void> {
  const now = Date.now();
  await db.batch([
    db
      .prepare(
        `INSERT OR IGNORE INTO vendors (id, business_name, country, currency, payout_phone, status, created_at, updated_at)
         VALUES (?, ?, 'KE', 'KES', ?, ?, ?, ?)`,
      )
      .bind(shop.vendorId, `Shop ${shop.vendorId}`, randomPhone(), shop.status ?? 'approved', now, now),
    db
      .prepare(
        `INSERT OR IGNORE INTO users (id, phone, name, role, vendor_id, created_at, updated_at) VALUES (?, ?, ?, 'vendor', ?, ?, ?)`,
      )
      .bind(shop.userId, randomPhone(), `Vendor ${shop.userId}`, shop.vendorId, now, now),
    db
      .prepare("INSERT OR IGNORE INTO vendor_staff (vendor_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)")
      .bind(shop.vendorId, shop.userId, now),
  ]);
}
