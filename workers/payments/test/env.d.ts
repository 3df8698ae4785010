declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    IDENTITY_MIGRATIONS: import('cloudflare:test').D1Migration[];
    IDENTITY_DB: D1Database;
    UPGRADE_DB: D1Database;
  }
}
