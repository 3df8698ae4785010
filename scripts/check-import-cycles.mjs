#!/usr/bin/env node
// Fails when the TypeScript modules of workers, contracts, packages or web import each other in a
// circle (type-only imports count: `app.ts` ↔ `routes/*` through the app type was such a circle).
// Relative imports and workspace packages (`@linked-all/<name>[/entry]`) are followed. `pnpm check`
// runs it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['workers/*/src', 'workers/*/contract', 'packages/*/src', 'web/src'];
const IMPORT = /(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function expand(pattern) {
  const [top, , rest] = pattern.split('/');
  if (!pattern.includes('*')) return existsSync(path.join(ROOT, pattern)) ? [path.join(ROOT, pattern)] : [];
  return readdirSync(path.join(ROOT, top))
    .map((name) => path.join(ROOT, top, name, rest))
    .filter((dir) => existsSync(dir));
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(file).isDirectory()) walk(file, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

/** `@linked-all/<name>` → its directory, from each workspace package.json. */
const PACKAGES = new Map();
for (const top of ['workers', 'packages', 'web']) {
  const dirs = top === 'web' ? [path.join(ROOT, 'web')] : readdirSync(path.join(ROOT, top)).map((d) => path.join(ROOT, top, d));
  for (const dir of dirs) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) PACKAGES.set(JSON.parse(readFileSync(manifest, 'utf8')).name, dir);
  }
}

function asFile(base) {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function resolve(from, spec) {
  if (spec.startsWith('.')) return asFile(path.resolve(path.dirname(from), spec));
  const match = /^(@linked-all\/[^/]+)(\/.*)?$/.exec(spec);
  const dir = match && PACKAGES.get(match[1]);
  if (!dir) return null;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const entry = match[2] ? `.${match[2]}` : '.';
  const target = typeof manifest.exports === 'object' ? manifest.exports[entry] : entry === '.' ? manifest.main : null;
  return typeof target === 'string' ? asFile(path.join(dir, target)) : null;
}

const files = SOURCE_DIRS.flatMap(expand).flatMap((dir) => walk(dir));
const edges = new Map(
  files.map((file) => {
    const source = readFileSync(file, 'utf8');
    const targets = [...source.matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2])).filter(Boolean);
    return [file, [...new Set(targets)]];
  }),
);

// Tarjan's strongly connected components: any component of more than one module is a circle.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function connect(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v) ?? []) {
    if (!info.has(w)) {
      connect(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) {
      info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(path.relative(ROOT, w));
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) circles.push(component.sort());
  }
}
for (const file of edges.keys()) if (!info.has(file)) connect(file);

if (circles.length > 0) {
  for (const circle of circles) console.error(`import circle: ${circle.join(' ↔ ')}`);
  process.exit(1);
}
console.log(`import circles: none among ${edges.size} modules`);
