declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    IDENTITY_MIGRATIONS: import('cloudflare:test').D1Migration[];
    IDENTITY_DB: D1Database;
    ORDERS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    LOGISTICS_MIGRATIONS: import('cloudflare:test').D1Migration[];
    ORDERS_DB: D1Database;
    LOGISTICS_DB: D1Database;
    TEST_NOTIFICATION_EVENTS: Queue;
    TEST_SHIPMENT_EVENTS: Queue;
    TEST_FANOUT_MAIN: Queue;
  }
}
