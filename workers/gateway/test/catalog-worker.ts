import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CATALOG_DIST = fileURLToPath(new URL('../../../dist/test/catalog', import.meta.url));
const CATALOG_CONFIG = fileURLToPath(new URL('../../catalog/wrangler.toml', import.meta.url));

function value(toml: string, key: string): string {
  const match = new RegExp(`^${key} = "(.*)"$`, 'm').exec(toml);
  if (!match) throw new Error(`${key} not found in ${CATALOG_CONFIG}`);
  return JSON.parse(`"${match[1]}"`);
}

const toml = readFileSync(CATALOG_CONFIG, 'utf8');
export const CATALOG_D1_ID = value(toml, 'database_id');

/** Miniflare options for the built catalog worker, restating its wrangler.toml bindings. */
export function catalogWorker() {
  return {
    name: 'linked-all-catalog',
    modules: true,
    modulesRoot: CATALOG_DIST,
    scriptPath: `${CATALOG_DIST}/index.js`,
    compatibilityDate: value(toml, 'compatibility_date'),
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: CATALOG_D1_ID },
    kvNamespaces: { CACHE: value(toml, 'id') },
    r2Buckets: { IMAGES: value(toml, 'bucket_name') },
    queueProducers: { CATALOG_EVENTS: 'catalog-events' },
    queueConsumers: { 'catalog-events': { maxBatchSize: 50, maxBatchTimeout: 0.1, maxRetries: 5, deadLetterQueue: 'catalog-events-dlq' } },
    bindings: {
      ENVIRONMENT: 'test',
      AUTH_ISSUER: value(toml, 'AUTH_ISSUER'),
      AUTH_AUDIENCE: value(toml, 'AUTH_AUDIENCE'),
      AUTH_JWKS: value(toml, 'AUTH_JWKS'),
    },
  };
}
