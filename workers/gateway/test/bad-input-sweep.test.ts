import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { seedIdentityShop } from '@linked-all/testing/identity-seed';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog, VENDOR_A } from '../../catalog/test/seed-catalog';
import { createApp } from '../src/app';
import { get } from './helpers';

// Walks the whole API from its generated OpenAPI document, and every page route from the
// gateway's own router, with hostile input: a route added tomorrow is swept without anyone
// writing a test for it. The promise under test: bad input is a 4xx problem+json (an HTML page
// for pages), never a 5xx.

type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: { type?: string } };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[] };
type Case = { label: string; path: string; init: RequestInit };

const LONG = 'x'.repeat(3000);
// Hostile values for a path segment or query value (already URL-encoded where they must be).
const BAD_VALUES = [
  LONG,
  '%00',
  '%F0%9F%92%A5%E2%80%AE%D8%A7',
  "'%20OR%201%3D1--",
  '..%2F..%2Fetc%2Fpasswd',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%0D%0ASet-Cookie:%20x%3D1',
  '-1',
];
// Hostile JSON bodies, whatever the operation expects.
const BAD_BODIES: [string, string][] = [
  ['malformed JSON', '{"a":'],
  ['a JSON array', '[]'],
  ['a JSON string', '"hello"'],
  ['JSON null', 'null'],
  ['an empty object (fields missing)', '{}'],
  ['a NUL and unicode in an unknown field', JSON.stringify({ '\u0000': '\u202e\ud83d\udca5' })],
  ['a deeply nested value', `${'['.repeat(500)}${']'.repeat(500)}`],
];
const MAX_CASES_PER_OPERATION = 14;

let counter = 0;
/** Each request stands for another client, so the per-client rate limit does not mask deeper checks. */
function clientHeaders(extra: Record<string, string> = {}): Headers {
  counter += 1;
  return new Headers({ 'cf-connecting-ip': `198.51.100.${counter % 250}`, 'x-sweep': String(counter), ...extra });
}

/** A body whose every declared property has the wrong type, an over-long string or a NUL. */
function wrongTypedBodies(schema: JsonSchema | undefined): [string, string][] {
  const props = Object.entries(schema?.properties ?? {});
  if (props.length === 0) return [];
  const wrongType = Object.fromEntries(
    props.map(([name, p]) => [name, [p.type].flat().includes('string') ? 12345 : 'not-a-number']),
  );
  const overLong = Object.fromEntries(props.map(([name]) => [name, `${'y'.repeat(20_000)}\u0000`]));
  const injected = Object.fromEntries(props.map(([name]) => [name, "'; DROP TABLE users;-- <img src=x onerror=alert(1)>"]));
  return [
    ['every field of the wrong type', JSON.stringify(wrongType)],
    ['every field over-long with a NUL', JSON.stringify(overLong)],
    ['every field injection-shaped', JSON.stringify(injected)],
  ];
}

/** A path with every `{param}` replaced: by a plausible value, or by `bad` for the one under test. */
function fill(template: string, bad?: { name: string; value: string }): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    bad && bad.name === name ? bad.value : name.toLowerCase().includes('id') ? 'zzz_0000sweep' : 'sweep',
  );
}

function casesFor(path: string, method: string, op: Operation): Case[] {
  const cases: Case[] = [];
  const params = op.parameters ?? [];
  const hasBody = method !== 'get' && method !== 'delete';
  const bodyInit = (body: string, type = 'application/json'): RequestInit => ({
    method: method.toUpperCase(),
    headers: { 'content-type': type, 'idempotency-key': `sweep-key-${counter}` },
    body,
  });
  const plain: RequestInit = hasBody ? bodyInit('{}') : { method: method.toUpperCase() };

  for (const p of params.filter((x) => x.in === 'path')) {
    for (const value of BAD_VALUES) {
      cases.push({ label: `path ${p.name}=${value.slice(0, 20)}`, path: fill(path, { name: p.name, value }), init: plain });
    }
  }
  const base = fill(path);
  for (const p of params.filter((x) => x.in === 'query').slice(0, 4)) {
    cases.push({ label: `query ${p.name} over-long`, path: `${base}?${p.name}=${LONG}`, init: plain });
    cases.push({ label: `query ${p.name} NUL/unicode`, path: `${base}?${p.name}=%00%F0%9F%92%A5`, init: plain });
    cases.push({ label: `query ${p.name} repeated`, path: `${base}?${p.name}=1&${p.name}=%5B%5D`, init: plain });
  }
  cases.push({ label: 'an unknown over-long query parameter', path: `${base}?zz${LONG}=${LONG}`, init: plain });
  cases.push({
    label: 'hostile headers',
    path: base,
    init: { ...plain, headers: { ...(plain.headers as Record<string, string>), 'idempotency-key': `k${'\u00e9'.repeat(300)}` } },
  });
  if (hasBody || op.requestBody) {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    for (const [label, body] of [...BAD_BODIES, ...wrongTypedBodies(schema)]) {
      cases.push({ label: `body: ${label}`, path: base, init: bodyInit(body) });
    }
    cases.push({ label: 'body as text/plain', path: base, init: bodyInit('hello', 'text/plain') });
  }
  // Spread the bound over every kind of case rather than cutting the last kinds off.
  const step = Math.max(1, cases.length / MAX_CASES_PER_OPERATION);
  return Array.from({ length: Math.min(cases.length, MAX_CASES_PER_OPERATION) }, (_, i) => cases[Math.floor(i * step)]);
}

/** The token of the role an operation is for, so input reaches the validation behind authorisation. */
function tokenFor(path: string, tokens: { shopper: string; vendor: string; admin: string }): string {
  if (path.startsWith('/v1/admin')) return tokens.admin;
  if (path.startsWith('/v1/vendor/')) return tokens.vendor;
  return tokens.shopper;
}

async function send(c: Case, token?: string): Promise<Response> {
  const headers = clientHeaders();
  new Headers(c.init.headers).forEach((value, key) => {
    headers.set(key, value);
  });
  if (token) headers.set('authorization', `Bearer ${token}`);
  return get(c.path, { ...c.init, headers, redirect: 'manual' });
}

beforeAll(async () => {
  await seedCatalog(env.CATALOG_DB);
  await seedIdentityShop(env.IDENTITY_DB, { vendorId: VENDOR_A, userId: 'usr_sweepvendor' });
});

describe('bad-input sweep over every API operation (from /v1/openapi.json)', () => {
  it('answers every malformed, oversized, wrong-typed, missing, unicode/NUL and injection-shaped input with 4xx problem+json, never 5xx', async () => {
    const doc = (await (await get('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    const tokens = {
      shopper: await mintDevToken({ userId: 'usr_sweepshopper', role: 'shopper' }),
      vendor: await mintDevToken({ userId: 'usr_sweepvendor', role: 'vendor', vendorId: VENDOR_A }),
      admin: await mintDevToken({ userId: 'usr_sweepadmin', role: 'admin' }),
    };
    const failures: string[] = [];
    let sent = 0;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(40);
    for (const { path, method, op } of operations) {
      for (const c of casesFor(path, method, op)) {
        for (const token of [undefined, tokenFor(path, tokens)]) {
          const response = await send(c, token);
          sent += 1;
          const type = response.headers.get('content-type') ?? '';
          const where = `${method.toUpperCase()} ${path} [${c.label}]${token ? ' with token' : ''} → ${response.status}`;
          if (response.status >= 500) failures.push(`${where}: ${(await response.text()).slice(0, 200)}`);
          else if (response.status >= 400 && !type.startsWith('application/problem+json')) failures.push(`${where} (${type})`);
          else await response.body?.cancel();
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  }, 120_000);
});

describe('bad-input sweep over every page route (from the gateway router)', () => {
  it('answers hostile paths, queries and forms with an HTML page or a redirect, never 5xx', async () => {
    const pages = createApp()
      // /.well-known is JSON for machines (the JWKS); paths with a file extension are files
      // (robots.txt, the sitemap, the vendor app's scripts, manifest and icons): none is a page.
      .routes.filter(
        (r) =>
          !r.path.startsWith('/v1') &&
          !r.path.startsWith('/.well-known') &&
          !/\.[a-z0-9]+$/.test(r.path) &&
          (r.method === 'GET' || r.method === 'POST') &&
          r.path !== '/*',
      )
      .map((r) => ({ method: r.method, path: r.path }));
    const unique = [...new Map(pages.map((p) => [`${p.method} ${p.path}`, p])).values()];
    // Calls the pages' own scripts make (never a browser navigation): their refusals are problem+json.
    const scriptCalls = new Set(['/account/push-subscriptions', '/vendor/session']);
    expect(unique.length).toBeGreaterThan(8);
    const failures: string[] = [];
    for (const { method, path } of unique) {
      const template = path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
      const variants = [
        ...BAD_VALUES.map((value) => fill(template, { name: (/\{([^}]+)\}/.exec(template) ?? [])[1] ?? '', value })),
        `${fill(template)}?q=${LONG}&next=%2F%09%2Fevil.example&back=%0D%0A&cursor=%00&price=${LONG}&sort=%F0%9F%92%A5`,
      ];
      for (const [i, target] of variants.entries()) {
        // The last variant's form is over every page's body limit.
        const padding = i === variants.length - 1 ? `&pad=${'p'.repeat(10_000)}` : '';
        const init: RequestInit =
          method === 'POST'
            ? {
                method,
                headers: clientHeaders({
                  accept: 'text/html',
                  'content-type': 'application/x-www-form-urlencoded',
                  origin: 'http://localhost:8787',
                }),
                body: `quantity=${LONG}&skuId=%00&next=%2F%09%2Fevil&back=%0D%0A&identifier=x&password=%00&saveData=%F0%9F${padding}`,
              }
            : { method, headers: clientHeaders({ accept: 'text/html' }) };
        const response = await get(target, { ...init, redirect: 'manual' });
        const type = response.headers.get('content-type') ?? '';
        const where = `${method} ${target.slice(0, 80)} → ${response.status}`;
        if (response.status >= 500) failures.push(where);
        else if (scriptCalls.has(path)) {
          if (response.status >= 400 && !type.startsWith('application/problem+json')) failures.push(`${where} (${type})`);
        } else if (response.status < 300 || response.status >= 400) {
          if (!type.startsWith('text/html')) failures.push(`${where} (${type})`);
        }
        await response.body?.cancel();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
