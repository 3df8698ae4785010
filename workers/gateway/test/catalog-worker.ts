import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** Builds the catalog exactly as `wrangler deploy` would bundle it (~2 s). */
function buildCatalog() {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  execFileSync(`${root}node_modules/.bin/wrangler`, ['deploy', '--dry-run', '--outdir', CATALOG_DIST, '-c', CATALOG_CONFIG], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}

/** Miniflare options for the built catalog worker, restating its wrangler.toml bindings. */
export function catalogWorker() {
  buildCatalog();
  return {
    name: 'linked-all-catalog',
    modulesRoot: CATALOG_DIST,
    modules: readdirSync(CATALOG_DIST)
      .filter((file) => file.endsWith('.js') || file.endsWith('.wasm'))
      .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
      .map((file) => ({ type: file.endsWith('.wasm') ? 'CompiledWasm' : 'ESModule', path: `${CATALOG_DIST}/${file}` }) as const),
    compatibilityDate: value(toml, 'compatibility_date'),
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: CATALOG_D1_ID },
    kvNamespaces: { CACHE: value(toml, 'id') },
    r2Buckets: { IMAGES: value(toml, 'bucket_name') },
    queueProducers: { CATALOG_EVENTS: 'catalog-events' },
    queueConsumers: {
      'catalog-events': { maxBatchSize: 50, maxBatchTimeout: 0.1, maxRetries: 5, deadLetterQueue: 'catalog-events-dlq' },
    },
    bindings: {
      ENVIRONMENT: 'test',
      AUTH_ISSUER: value(toml, 'AUTH_ISSUER'),
      AUTH_AUDIENCE: value(toml, 'AUTH_AUDIENCE'),
      AUTH_JWKS: value(toml, 'AUTH_JWKS'),
    },
  };
}
