// Demo accounts for local development (documented in the README). No runtime
// imports: the dev seeder runs this file in Node (type stripping) against the
// local D1 from wrangler's getPlatformProxy, passing password.ts's hashPassword.

export const DEMO_PASSWORD = 'demo-password';

export type DemoAccount = {
  id: string;
  phone: string;
  email: string;
  name: string;
  role: 'shopper' | 'vendor' | 'admin';
  vendorId?: string;
};

/** A shop the catalog seeder created; its demo owner is vendorN@demo.test (N from 1, in the order given). */
export type DemoShop = { id: string; name: string; country: string; currency: string; payoutPhone?: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { id: 'usr_demoadmin', phone: '+254700000001', email: 'admin@demo.test', name: 'Demo Admin', role: 'admin' },
  ...[1, 2, 3, 4, 5].map((n) => ({
    id: `usr_demoshopper${n}`,
    phone: `+2547000001${String(n).padStart(2, '0')}`,
    email: `shopper${n}@demo.test`,
    name: `Demo Shopper ${n}`,
    role: 'shopper' as const,
  })),
];

/** vendor1@demo.test … owning the given shops (phones +2547000002NN, ids usr_demovendorN). */
export function demoVendorAccounts(shops: DemoShop[]): DemoAccount[] {
  return shops.map((shop, i) => ({
    id: `usr_demovendor${i + 1}`,
    phone: `+2547000002${String(i + 1).padStart(2, '0')}`,
    email: `vendor${i + 1}@demo.test`,
    name: `${shop.name} (owner)`,
    role: 'vendor' as const,
    vendorId: shop.id,
  }));
}

// Raw SQL on purpose: scripts/seed.mjs loads this file in plain Node, which cannot load drizzle's schema (TS, extensionless imports).
type Db = Pick<D1Database, 'prepare' | 'batch'>;

/**
 * Creates the demo accounts that do not exist yet (by id, phone or e-mail) and
 * returns how many it created. Idempotent: running it again changes nothing,
 * and an existing account keeps its password. No events: seeding is not a signup.
 */
export async function seedDemoAccounts(
  db: Db,
  deps: { hashPassword: (password: string) => Promise<string>; now?: number; shops?: DemoShop[] },
): Promise<number> {
  const now = deps.now ?? Date.now();
  const shops = deps.shops ?? [];
  const accounts = [...DEMO_ACCOUNTS, ...demoVendorAccounts(shops)];
  const { results } = await db
    .prepare('SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(accounts.map((a) => a.id)))
    .all<{ id: string }>();
  const existing = new Set(results.map((r) => r.id));
  const missing = accounts.filter((a) => !existing.has(a.id));
  if (missing.length === 0) return 0;
  const statements: D1PreparedStatement[] = [];
  // Approved vendor accounts under the catalog's own shop ids (identity and catalog share vendor ids).
  for (const shop of shops) {
    statements.push(
      db
        .prepare(
          `INSERT INTO vendors (id, business_name, country, currency, payout_phone, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'approved', ?, ?) ON CONFLICT DO NOTHING`,
        )
        .bind(shop.id, shop.name, shop.country, shop.currency, shop.payoutPhone ?? '+254700000299', now, now),
    );
  }
  for (const account of missing) {
    statements.push(
      db
        .prepare(
          `INSERT INTO users (id, phone, email, name, language, role, vendor_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'en', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .bind(account.id, account.phone, account.email, account.name, account.role, account.vendorId ?? null, now, now),
      // Only for a user row that is ours: a real account that took the phone keeps its password.
      db
        .prepare(
          'INSERT INTO passwords (user_id, hash, updated_at) SELECT id, ?, ? FROM users WHERE id = ? ON CONFLICT DO NOTHING',
        )
        .bind(await deps.hashPassword(DEMO_PASSWORD), now, account.id),
    );
  }
  for (const account of missing) {
    if (account.vendorId) {
      statements.push(
        db
          .prepare(
            `INSERT INTO vendor_staff (vendor_id, user_id, role, created_at) SELECT ?, id, 'owner', ? FROM users WHERE id = ?
             ON CONFLICT DO NOTHING`,
          )
          .bind(account.vendorId, now, account.id),
      );
    }
  }
  const written = await db.batch(statements);
  const userInserts = written.slice(shops.length, shops.length + missing.length * 2);
  return userInserts.filter((r, i) => i % 2 === 0 && r.meta.changes > 0).length;
}
