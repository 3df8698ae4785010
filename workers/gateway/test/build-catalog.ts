import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CATALOG_DIST } from './catalog-worker';

/** Builds the catalog worker once per run, exactly as `wrangler deploy` would bundle it. */
export default function buildCatalog() {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  execFileSync(
    `${root}node_modules/.bin/wrangler`,
    ['deploy', '--dry-run', '--outdir', CATALOG_DIST, '-c', 'workers/catalog/wrangler.toml'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
}
