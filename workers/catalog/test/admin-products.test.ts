// Product moderation (issue 15): the queue of new and edited listings, hiding with a reason (gone
// from search and listings at once, audit row in the same batch), admins only.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { LISTING_VERSION_KEY, productVersionKey } from '@linked-all/cache';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, P, problem, seedCatalog, VENDOR_A, vendorToken } from './fixtures';

const ADMIN = 'usr_moderator1';
const admin = () => mintDevToken({ userId: ADMIN, role: 'admin' });
type Queue = { items: { id: string; version: number; hiddenReason: string | null }[] };

async function queue(name: string): Promise<Queue> {
  const response = await call(`/v1/admin/products?queue=${name}`, { token: await admin() });
  expect(response.status).toBe(200);
  return (await response.json()) as Queue;
}

async function searchIds(q: string): Promise<string[]> {
  const body = (await (await call(`/v1/products?q=${q}`)).json()) as { items: { id: string }[] };
  return body.items.map((p) => p.id);
}

beforeAll(async () => {
  await seedCatalog(env.DB);
});

describe('/v1/admin/products', () => {
  it('queues live listings nobody has looked at; a pass takes one out until it is edited', async () => {
    expect((await queue('new')).items.map((p) => p.id)).toEqual(expect.arrayContaining([P.samsung, P.tecno, P.case]));
    expect((await call(`/v1/admin/products/${P.case}/pass`, { method: 'POST', token: await admin() })).status).toBe(200);
    expect((await queue('new')).items.map((p) => p.id)).not.toContain(P.case);
    const edit = await call(`/v1/vendor/products/${P.case}`, {
      method: 'PATCH',
      token: await vendorToken(VENDOR_A),
      headers: { 'idempotency-key': 'moderation-edit-1' },
      json: { title: 'Phone case, now in blue' },
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    expect((await queue('edited')).items.map((p) => p.id)).toEqual([P.case]);
  });

  it('hides with a reason: gone from search at once, cache versions bumped, event and audit row in the batch', async () => {
    expect(await searchIds('tecno')).toContain(P.tecno);
    const before = [await env.CACHE.get(LISTING_VERSION_KEY), await env.CACHE.get(productVersionKey(P.tecno))];
    const hidden = await call(`/v1/admin/products/${P.tecno}/hide`, {
      method: 'POST',
      token: await admin(),
      json: { reason: 'Counterfeit listing' },
    });
    expect(hidden.status).toBe(200);
    expect(await searchIds('tecno')).not.toContain(P.tecno);
    expect((await call(`/v1/products/${P.tecno}`)).status).toBe(404);
    const after = [await env.CACHE.get(LISTING_VERSION_KEY), await env.CACHE.get(productVersionKey(P.tecno))];
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    const audit = await env.DB.prepare('SELECT actor, action, reason FROM admin_audit WHERE target = ?').bind(P.tecno).all();
    expect(audit.results).toEqual([{ actor: ADMIN, action: 'product.hide', reason: 'Counterfeit listing' }]);
    const event = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'product.updated' ORDER BY id DESC LIMIT 1").first<{
      body: string;
    }>();
    expect(JSON.parse(event?.body ?? '{}').data).toMatchObject({ productId: P.tecno, status: 'archived' });
    expect((await queue('hidden')).items).toEqual([
      expect.objectContaining({ id: P.tecno, hiddenReason: 'Counterfeit listing' }),
    ]);
  });

  it('keeps a hidden product off sale: a second hide is 409 with no second row, and its vendor cannot re-activate it', async () => {
    await problem(
      await call(`/v1/admin/products/${P.tecno}/hide`, { method: 'POST', token: await admin(), json: { reason: 'Again' } }),
      409,
      'conflict',
    );
    await problem(
      await call(`/v1/vendor/products/${P.tecno}`, {
        method: 'PATCH',
        token: await vendorToken(VENDOR_A),
        headers: { 'idempotency-key': 'moderation-edit-2' },
        json: { status: 'active' },
      }),
      403,
      'forbidden',
    );
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM admin_audit WHERE action = 'product.hide'").first<{
      n: number;
    }>();
    expect(rows?.n).toBe(1);
  });

  it('answers 400 without a reason, 404 for an unknown product, 403 to vendors and shoppers, 401 anonymous', async () => {
    await problem(
      await call(`/v1/admin/products/${P.samsung}/hide`, { method: 'POST', token: await admin(), json: {} }),
      400,
      'validation_failed',
    );
    await problem(
      await call('/v1/admin/products/prd_nosuchthing/hide', {
        method: 'POST',
        token: await admin(),
        json: { reason: 'Nothing' },
      }),
      404,
      'not_found',
    );
    const vendor = await vendorToken(VENDOR_A);
    const shopper = await mintDevToken({ userId: 'usr_shopper1', role: 'shopper' });
    for (const token of [vendor, shopper]) {
      await problem(await call('/v1/admin/products', { token }), 403, 'forbidden');
      await problem(
        await call(`/v1/admin/products/${P.samsung}/hide`, { method: 'POST', token, json: { reason: 'Not mine to hide' } }),
        403,
        'forbidden',
      );
    }
    await problem(await call('/v1/admin/products'), 401, 'unauthenticated');
    expect(await searchIds('samsung')).toContain(P.samsung);
  });
});
