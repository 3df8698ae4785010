#!/usr/bin/env node
// Identity benchmark against a real local `wrangler dev` of the identity worker:
// login latency (PBKDF2-SHA256 at 100,000 iterations + D1 + ES256 signing),
// the same for failures (unknown user vs wrong password: one time class), and
// access-token verification (jose ES256 with the published JWKS, as every worker
// does; plus GET /v1/me over HTTP against the JWKS route as a no-verify baseline).
// Requests run one at a time, so the numbers are latencies, not throughput.
// Starts its own worker on a temp state dir and always stops it.
//
//   node bench/identity.mjs [--logins 200] [--verifications 200]
//
// Writes bench/results/identity-<ISO date>.json and prints a table.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, ROOT, runWrangler, startDev, waitForHttp } from '../scripts/lib/dev-stack.mjs';
import { latencySummary as stats } from './lib/stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = 'workers/identity/wrangler.toml';
const { values: flags } = parseArgs({
  options: {
    logins: { type: 'string', default: '200' },
    verifications: { type: 'string', default: '200' },
    out: { type: 'string', default: path.join(HERE, 'results') },
  },
});
const LOGINS = Number(flags.logins);
const VERIFICATIONS = Number(flags.verifications);
// The login limiter allows 10 attempts a minute per account: spread attempts over enough accounts.
const ACCOUNTS = Math.ceil((LOGINS + 50) / 8);
const PASSWORD = 'bench-password-123';

const jose = await import(pathToFileURL(createRequire(path.join(ROOT, 'packages/auth/package.json')).resolve('jose')).href);

async function timed(fn) {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

const state = mkdtempSync(path.join(os.tmpdir(), 'identity-bench-'));
const port = await freePort();
let dev;
try {
  await runWrangler(['d1', 'migrations', 'apply', 'identity', '--local', '-c', CONFIG, '--persist-to', state]);
  dev = startDev({ port, persistDir: state, registryDir: path.join(state, 'registry'), configs: [CONFIG] });
  await waitForHttp(`${dev.baseUrl}/.well-known/jwks.json`, { status: 200, child: dev.child, log: dev.log });
  const post = (route, json) =>
    fetch(`${dev.baseUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });

  const phones = [];
  const register = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const phone = `+2547${String(10_000_000 + i).slice(1)}1`;
    const [ms, res] = await timed(() => post('/v1/auth/register', { phone, password: PASSWORD, name: `Bench ${i}` }));
    if (res.status !== 201) throw new Error(`register answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    register.push(ms);
    phones.push(phone);
  }

  const login = [];
  let accessToken;
  for (let i = 0; i < LOGINS; i++) {
    const [ms, res] = await timed(() => post('/v1/auth/login', { phone: phones[i % ACCOUNTS], password: PASSWORD }));
    if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
    accessToken = (await res.json()).accessToken;
    login.push(ms);
  }
  const wrongPassword = [];
  const unknownUser = [];
  for (let i = 0; i < 25; i++) {
    const [a, ra] = await timed(() => post('/v1/auth/login', { phone: phones[(i * 7) % ACCOUNTS], password: 'wrong-password' }));
    const [b, rb] = await timed(() =>
      post('/v1/auth/login', { phone: `+2557${String(10_000_000 + i).slice(1)}9`, password: 'wrong-password' }),
    );
    if (ra.status !== 401 || rb.status !== 401) throw new Error(`failed logins answered ${ra.status}/${rb.status}`);
    await ra.arrayBuffer();
    await rb.arrayBuffer();
    wrongPassword.push(a);
    unknownUser.push(b);
  }

  const jwks = await (await fetch(`${dev.baseUrl}/.well-known/jwks.json`)).json();
  const keySet = jose.createLocalJWKSet(jwks);
  const options = { algorithms: ['ES256'], issuer: 'https://identity.linkedall.local', audience: 'linked-all-api' };
  for (let i = 0; i < 50; i++) await jose.jwtVerify(accessToken, keySet, options); // warm-up
  const verify = [];
  for (let i = 0; i < VERIFICATIONS; i++) verify.push((await timed(() => jose.jwtVerify(accessToken, keySet, options)))[0]);

  const meHttp = [];
  const jwksHttp = [];
  for (let i = 0; i < VERIFICATIONS; i++) {
    const [a, ra] = await timed(() => fetch(`${dev.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } }));
    if (ra.status !== 200) throw new Error(`GET /v1/me answered ${ra.status}`);
    await ra.arrayBuffer();
    const [b, rb] = await timed(() => fetch(`${dev.baseUrl}/.well-known/jwks.json`));
    await rb.arrayBuffer();
    meHttp.push(a);
    jwksHttp.push(b);
  }

  const results = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    pbkdf2Iterations: 100_000,
    ms: {
      'register (http, pbkdf2 + 3-row batch + sign)': stats(register),
      'login ok (http, pbkdf2 + D1 + sign)': stats(login),
      'login wrong password (http)': stats(wrongPassword),
      'login unknown user (http, dummy hash)': stats(unknownUser),
      'verify access token (jose ES256, in process)': stats(verify),
      'GET /v1/me (http, verify + D1 read)': stats(meHttp),
      'GET /.well-known/jwks.json (http baseline, no verify)': stats(jwksHttp),
    },
  };
  mkdirSync(flags.out, { recursive: true });
  const file = path.join(flags.out, `identity-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`identity latency, ms (sequential; ${results.machine.cpus} cpus)`);
  console.table(Object.fromEntries(Object.entries(results.ms)));
  console.log(`→ ${path.relative(ROOT, file)}`);
} finally {
  await dev?.stop();
  rmSync(state, { recursive: true, force: true });
}
