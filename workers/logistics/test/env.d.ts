declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    CATALOG_MIGRATIONS: import('cloudflare:test').D1Migration[];
    ORDERS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    PAYMENTS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    IDENTITY_MIGRATIONS: import('cloudflare:test').D1Migration[];
    CATALOG_DB: D1Database;
    ORDERS_DB: D1Database;
    PAYMENTS_DB: D1Database;
    IDENTITY_DB: D1Database;
    UPGRADE_DB: D1Database;
  }
}
