import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { newId, openApiPaths } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { COOKWARE, fund, orderOf, SHOES, SMARTPHONES, vendor } from './checkout-fixtures';
import { adminToken, call, problem, shopper } from './fixtures';

type Rules = { rules: { categoryId: string; rateBps: number; minimums: Record<string, number> }[] };

describe('/v1/admin/commission-rules', () => {
  it('lists the seeded defaults: * 10%, the electronics family 5%, fashion 15%, with minimums per currency', async () => {
    const response = await call('/v1/admin/commission-rules', { token: await adminToken() });
    expect(response.status).toBe(200);
    const { rules } = (await response.json()) as Rules;
    const byId = new Map(rules.map((r) => [r.categoryId, r]));
    expect(rules[0]).toEqual({
      categoryId: '*',
      rateBps: 1000,
      minimums: { KES: 1000, NGN: 10_000, GHS: 100, ZAR: 500, EGP: 500, XOF: 100, UGX: 1000 },
    });
    expect(byId.get(SMARTPHONES)?.rateBps).toBe(500);
    expect(byId.get(SHOES)?.rateBps).toBe(1500);
    expect(byId.has(COOKWARE)).toBe(false);
  });

  it('replaces the rules, and the next authorize prices with them (then restores the defaults)', async () => {
    const token = await adminToken();
    const defaults = (await (await call('/v1/admin/commission-rules', { token })).json()) as Rules;
    const put = await call('/v1/admin/commission-rules', {
      method: 'PUT',
      token,
      json: { rules: [{ categoryId: '*', rateBps: 250, minimums: { XOF: 50 } }] },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ rules: [{ categoryId: '*', rateBps: 250, minimums: { XOF: 50 } }] });
    const userId = newId('usr');
    await fund(userId, 10_000, 'XOF');
    const order = orderOf(userId, 'XOF', [
      { vendorId: (await vendor()).vendorId, lines: [{ categoryId: SHOES, amount: 10_000 }] },
    ]);
    expect(await exports.default.authorize(order)).toMatchObject({ ok: true, commission: 250 });
    expect((await call('/v1/admin/commission-rules', { method: 'PUT', token, json: defaults })).status).toBe(200);
    // Each replacement wrote its audit row in its own batch, with the rules it set.
    const { results } = await env.DB.prepare("SELECT detail FROM admin_audit WHERE action = 'commission.replace' ORDER BY id")
      .bind()
      .all<{ detail: string }>();
    expect(results.map((r) => JSON.parse(r.detail).rules.length)).toEqual([1, defaults.rules.length]);
  });

  it('answers 400 without a * rule, with a rate above 100%, a duplicate category or an unknown currency', async () => {
    const token = await adminToken();
    const bad = [
      { rules: [{ categoryId: SHOES, rateBps: 1000, minimums: {} }] },
      { rules: [{ categoryId: '*', rateBps: 10_001, minimums: {} }] },
      {
        rules: [
          { categoryId: '*', rateBps: 1000, minimums: {} },
          { categoryId: '*', rateBps: 500, minimums: {} },
        ],
      },
      { rules: [{ categoryId: '*', rateBps: 1000, minimums: { ABC: 5 } }] },
      { rules: [{ categoryId: 'shoes', rateBps: 1000, minimums: {} }] },
      { rules: [] },
    ];
    for (const json of bad)
      await problem(await call('/v1/admin/commission-rules', { method: 'PUT', token, json }), 400, 'validation_failed');
    const { rules } = (await (await call('/v1/admin/commission-rules', { token })).json()) as Rules;
    expect(rules.find((r) => r.categoryId === '*')?.rateBps).toBe(1000);
  });

  it('answers 403 to shoppers and vendors and 401 without a token', async () => {
    const json = { rules: [{ categoryId: '*', rateBps: 0, minimums: {} }] };
    for (const token of [(await shopper()).token, (await vendor()).token]) {
      await problem(await call('/v1/admin/commission-rules', { token }), 403, 'forbidden');
      await problem(await call('/v1/admin/commission-rules', { method: 'PUT', token, json }), 403, 'forbidden');
    }
    await problem(await call('/v1/admin/commission-rules'), 401, 'unauthenticated');
  });
});

describe('openapi()', () => {
  it('documents the payout, statement, commission, pay-on-delivery and B2C result routes', () => {
    const paths = openApiPaths(createApp());
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/vendor/payouts',
        '/v1/vendor/statements',
        '/v1/admin/commission-rules',
        '/v1/admin/cod/{vendorOrderId}/collect',
        '/v1/webhooks/mpesa-b2c/{token}/result',
      ]),
    );
    expect(Object.keys(paths['/v1/vendor/payouts'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/v1/admin/commission-rules'])).toEqual(expect.arrayContaining(['get', 'put']));
  });
});
