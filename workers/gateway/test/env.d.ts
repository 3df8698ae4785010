declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
  interface Env {
    CATALOG_DB: D1Database;
    IDENTITY_DB: D1Database;
    PAYMENTS_DB: D1Database;
    ORDERS_DB: D1Database;
    LOGISTICS_DB: D1Database;
    NOTIFICATIONS_DB: D1Database;
    CATALOG_IMAGES: R2Bucket;
    CATALOG_MIGRATIONS: import('cloudflare:test').D1Migration[];
    IDENTITY_MIGRATIONS: import('cloudflare:test').D1Migration[];
    PAYMENTS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    ORDERS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    LOGISTICS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    NOTIFICATIONS_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
