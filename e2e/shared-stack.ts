// One dev stack for every e2e file (vitest globalSetup of the e2e project). Starting seven
// workers, migrating and seeding takes minutes on two cores; each file starting its own cost CI
// most of its e2e time. The stack starts in the background so the other projects' tests are not
// held up, and test files wait for it in `sharedStack()` (stack.ts). Files share its data: each
// creates its own users, products and orders and never counts on a fresh table.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the shared stack reports `ready.json` or `failed.txt`, and writes `dev.log`. */
    sharedStackDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'linked-all-e2e-shared-'));
  // 2,000 products: enough of each kind for the relevance set's top 5 (seeding is ~1 s of it).
  const starting = startStack({ products: 2000, logFile: path.join(dir, 'dev.log') }).then(
    async (stack) => {
      const { baseUrl, persistDir, manifest } = stack;
      await writeFile(path.join(dir, 'ready.json'), JSON.stringify({ baseUrl, persistDir, manifest }));
      return stack;
    },
    async (err: unknown) => {
      await writeFile(path.join(dir, 'failed.txt'), err instanceof Error ? (err.stack ?? err.message) : String(err));
      return undefined;
    },
  );
  project.provide('sharedStackDir', dir);
  return async () => {
    await (await starting)?.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
