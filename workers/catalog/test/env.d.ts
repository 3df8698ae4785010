declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    ORDERS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    ORDERS_DB: D1Database;
  }
}
