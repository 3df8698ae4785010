#!/usr/bin/env node
// Proves the "a worker's src/ is private" lint rule still fires: Biome runs with the repository's
// own biome.json on deliberately bad files in a temporary copy of the layout (never in the tree),
// and each must be refused, while a contract import passes. `pnpm check` runs it after Biome.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIOME = path.join(ROOT, 'node_modules/.bin/biome');

/** file in the fake tree → its source, and whether the rule must fire on it. */
const PROBES = {
  'workers/gateway/src/package-deep.ts': {
    fires: true,
    source: "import type { OrderView } from '@linked-all/orders/src/orders/views';\nexport type T = OrderView;\n",
  },
  'workers/gateway/src/relative-deep.ts': {
    fires: true,
    source: "import type { CartView } from '../../orders/src/schemas/cart';\nexport type T = CartView;\n",
  },
  'workers/orders/src/other-worker.ts': {
    fires: true,
    source: "import type { SkuDetails } from '../../catalog/src/domain/sku-details';\nexport type T = SkuDetails;\n",
  },
  'workers/catalog/src/photon-deep.ts': {
    fires: true,
    source: "import { processImage } from '../../media/src/image-pipeline';\nexport const f = processImage;\n",
  },
  'workers/orders/contract/reaches-src.ts': {
    fires: true,
    source: "import type { CartState } from '../src/cart/types';\nexport type T = CartState;\n",
  },
  'workers/gateway/src/through-contract.ts': {
    fires: false,
    source: "import type { OrderView } from '@linked-all/orders/contract';\nexport type T = OrderView;\n",
  },
};

const dir = mkdtempSync(path.join(tmpdir(), 'import-rule-'));
try {
  copyFileSync(path.join(ROOT, 'biome.json'), path.join(dir, 'biome.json'));
  for (const [file, probe] of Object.entries(PROBES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), probe.source);
  }
  const run = spawnSync(BIOME, ['lint', '--reporter=github', '--max-diagnostics=none', '.'], { cwd: dir, encoding: 'utf8' });
  const refused = new Set(
    run.stdout
      .split('\n')
      .filter((line) => line.includes('lint/style/noRestrictedImports'))
      .map((line) => path.relative(dir, /file=([^,]+)/.exec(line)?.[1] ?? '')),
  );
  const wrong = Object.entries(PROBES).filter(([file, probe]) => refused.has(file) !== probe.fires);
  if (wrong.length > 0 || refused.size === 0) {
    console.error(run.stdout, run.stderr);
    for (const [file, probe] of wrong) {
      console.error(`import rule: ${file} should ${probe.fires ? 'be refused' : 'pass'} but did not`);
    }
    process.exit(1);
  }
  console.log(`import rule: ${refused.size} deep imports refused, the contract import passes`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
