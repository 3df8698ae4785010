import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModerationList, ProductDetail, ReviewList } from '../contract';
import { call, P, problem, seedCatalog, VENDOR_A, VENDOR_B, vendorToken } from './fixtures';
import { seedPurchase } from './seed-purchase';

const shopper = (name: string) => mintDevToken({ userId: `usr_${name}`, role: 'shopper' });
const admin = () => mintDevToken({ userId: 'usr_moderator1', role: 'admin' });

const review = (vendorOrderId: string, extra: Record<string, unknown> = {}) => ({
  vendorOrderId,
  rating: 5,
  title: 'Great phone',
  body: 'Arrived in two days and the battery lasts.',
  ...extra,
});

async function product(id: string) {
  const response = await call(`/v1/products/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ProductDetail;
}

async function reviews(id: string, query = '') {
  const response = await call(`/v1/products/${id}/reviews${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ReviewList;
}

beforeAll(async () => {
  await seedCatalog(env.DB);
});

describe('writing a review', () => {
  it('lets the buyer of a delivered order review its product once, and the ratings follow at once', async () => {
    const ada = await shopper('adareviews1');
    const vor = await seedPurchase({ buyerId: 'usr_adareviews1', vendorId: VENDOR_A, productIds: [P.samsung], delivered: true });

    const created = await call(`/v1/products/${P.samsung}/reviews`, { method: 'POST', token: ada, json: review(vor) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const page = await product(P.samsung);
    expect(page.rating).toEqual({ average: 5, count: 1 });
    expect(page.vendor).toMatchObject({ rating: 5, ratingCount: 1 });
    expect(page.topReviews.map((r) => r.id)).toEqual([id]);
    expect(page.topReviews[0]).toMatchObject({ verifiedPurchase: true, body: 'Arrived in two days and the battery lasts.' });
    // The public view names no buyer.
    expect(JSON.stringify(page.topReviews)).not.toContain('adareviews1');

    const list = await reviews(P.samsung);
    expect(list.rating).toMatchObject({ average: 5, count: 1, stars: { 5: 1, 1: 0 } });

    const again = await call(`/v1/products/${P.samsung}/reviews`, {
      method: 'POST',
      token: ada,
      json: review(vor, { rating: 1 }),
    });
    await problem(again, 409, 'conflict');
    expect((await product(P.samsung)).rating).toEqual({ average: 5, count: 1 });

    const { results } = await env.DB.prepare("SELECT body FROM outbox WHERE type = 'review.changed'").all<{ body: string }>();
    expect(results.some((r) => r.body.includes(id))).toBe(true);
  });

  it('accepts one of two identical reviews sent at once', async () => {
    const token = await shopper('twice1');
    const vor = await seedPurchase({ buyerId: 'usr_twice1', vendorId: VENDOR_A, productIds: [P.case], delivered: true });
    const answers = await Promise.all(
      [1, 2].map(() => call(`/v1/products/${P.case}/reviews`, { method: 'POST', token, json: review(vor, { rating: 3 }) })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await product(P.case)).rating.count).toBe(1);
  });

  it('refuses anyone but the buyer of a delivered order containing the product, writing nothing', async () => {
    const bola = await shopper('bolareviews');
    const notYet = await seedPurchase({
      buyerId: 'usr_bolareviews',
      vendorId: VENDOR_A,
      productIds: [P.tecno],
      delivered: false,
    });
    const someoneElses = await seedPurchase({ buyerId: 'usr_chidi', vendorId: VENDOR_A, productIds: [P.tecno], delivered: true });
    const otherProduct = await seedPurchase({
      buyerId: 'usr_bolareviews',
      vendorId: VENDOR_A,
      productIds: [P.case],
      delivered: true,
    });

    const post = (vor: string) => call(`/v1/products/${P.tecno}/reviews`, { method: 'POST', token: bola, json: review(vor) });
    expect((await problem(await post(notYet), 403, 'forbidden')).detail).toMatch(/delivered/);
    expect((await problem(await post(someoneElses), 403, 'forbidden')).detail).toMatch(/bought/);
    expect((await problem(await post(otherProduct), 403, 'forbidden')).detail).toMatch(/did not contain/);
    await problem(await post('vor_doesnotexist'), 403, 'forbidden');
    await problem(
      await call(`/v1/products/${P.tecno}/reviews`, { method: 'POST', json: review(notYet) }),
      401,
      'unauthenticated',
    );
    const noProduct = await call('/v1/products/prd_nosuchthing/reviews', {
      method: 'POST',
      token: bola,
      json: review(otherProduct),
    });
    await problem(noProduct, 404, 'not_found');
    expect((await product(P.tecno)).rating).toEqual({ average: null, count: 0 });
  });

  it("shows the buyer's own uploaded photos, and refuses someone else's", async () => {
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
      (ch) => ch.charCodeAt(0),
    );
    const upload = async (token: string) => {
      const response = await call('/v1/reviews/images', {
        method: 'PUT',
        token,
        body: png,
        headers: { 'content-type': 'image/png' },
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { key: string; url: string };
    };
    const dayo = await shopper('dayophotos');
    const mine = await upload(dayo);
    const theirs = await upload(await shopper('someoneelse'));
    expect((await call(mine.url)).status).toBe(200);
    await problem(
      await call('/v1/reviews/images', { method: 'PUT', body: png, headers: { 'content-type': 'image/png' } }),
      401,
      'unauthenticated',
    );

    const vor = await seedPurchase({ buyerId: 'usr_dayophotos', vendorId: VENDOR_A, productIds: [P.tecno], delivered: true });
    const stolen = await call(`/v1/products/${P.tecno}/reviews`, {
      method: 'POST',
      token: dayo,
      json: review(vor, { photos: [theirs.key] }),
    });
    expect(JSON.stringify((await problem(stolen, 400, 'validation_failed')).errors)).toContain('photos.0');
    const ok = await call(`/v1/products/${P.tecno}/reviews`, {
      method: 'POST',
      token: dayo,
      json: review(vor, { photos: [mine.key] }),
    });
    expect(ok.status).toBe(201);
    expect((await reviews(P.tecno)).items[0]?.photos).toEqual([mine.key]);
  });

  it('names the field of a malformed review', async () => {
    const token = await shopper('badinput1');
    const cases: [Record<string, unknown>, string][] = [
      [review('vor_abcd1234', { rating: 6 }), 'rating'],
      [review('vor_abcd1234', { rating: 4.5 }), 'rating'],
      [review('vor_abcd1234', { body: '' }), 'body'],
      [review('vor_abcd1234', { body: 'x'.repeat(2001) }), 'body'],
      [review('ord_notavendororder'), 'vendorOrderId'],
      [review('vor_abcd1234', { photos: ['https://evil.example/x.jpg'] }), 'photos'],
      [review('vor_abcd1234', { author: 'someone else' }), ''],
    ];
    for (const [json, field] of cases) {
      const body = await problem(
        await call(`/v1/products/${P.samsung}/reviews`, { method: 'POST', token, json }),
        400,
        'validation_failed',
      );
      expect(JSON.stringify(body.errors)).toContain(field);
    }
    const badQuery = await call(`/v1/products/${P.samsung}/reviews?sort=loudest`);
    await problem(badQuery, 400, 'validation_failed');
  });
});

describe('helpful votes, answers and moderation', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    const write = async (name: string, rating: number) => {
      const token = await shopper(name);
      const vor = await seedPurchase({ buyerId: `usr_${name}`, vendorId: VENDOR_B, productIds: [P.dress], delivered: true });
      const response = await call(`/v1/products/${P.dress}/reviews`, { method: 'POST', token, json: review(vor, { rating }) });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    first = await write('dressbuyer1', 2);
    second = await write('dressbuyer2', 4);
  });

  it('counts one helpful vote per shopper, never for your own review, and ranks by it', async () => {
    const voter = await shopper('voter1');
    for (let i = 0; i < 3; i++) {
      const vote = await call(`/v1/reviews/${first}/helpful`, { method: 'POST', token: voter });
      expect(await vote.json()).toEqual({ helpfulCount: 1 });
    }
    await problem(
      await call(`/v1/reviews/${first}/helpful`, { method: 'POST', token: await shopper('dressbuyer1') }),
      403,
      'forbidden',
    );
    expect((await reviews(P.dress)).items.map((r) => r.id)).toEqual([first, second]);
    expect((await reviews(P.dress, '?sort=newest')).items.map((r) => r.id)).toEqual([second, first]);
    const paged = await reviews(P.dress, '?limit=1');
    expect(paged.items.map((r) => r.id)).toEqual([first]);
    const next = await reviews(P.dress, `?limit=1&cursor=${paged.nextCursor}`);
    expect(next.items.map((r) => r.id)).toEqual([second]);
    expect(next.nextCursor).toBeNull();
  });

  it("lets the product's shop answer once, and no other shop", async () => {
    const other = await call(`/v1/vendor/reviews/${first}/reply`, {
      method: 'POST',
      token: await vendorToken(VENDOR_A),
      json: { body: 'Not ours' },
    });
    await problem(other, 404, 'not_found');
    const token = await vendorToken(VENDOR_B);
    const reply = await call(`/v1/vendor/reviews/${first}/reply`, {
      method: 'POST',
      token,
      json: { body: 'Merci, we will fix the size chart.' },
    });
    expect(reply.status).toBe(200);
    const again = await call(`/v1/vendor/reviews/${first}/reply`, { method: 'POST', token, json: { body: 'And again' } });
    await problem(again, 409, 'conflict');
    const shown = (await reviews(P.dress)).items.find((r) => r.id === first);
    expect(shown?.reply?.body).toBe('Merci, we will fix the size chart.');
  });

  it('puts reported reviews first for moderators; a hidden review leaves the page and the rating', async () => {
    const reporter = await shopper('reporter1');
    const report = await call(`/v1/reviews/${second}/reports`, { method: 'POST', token: reporter, json: { reason: 'fake' } });
    expect(report.status).toBe(202);
    await problem(
      await call(`/v1/reviews/${second}/reports`, { method: 'POST', token: reporter, json: { reason: 'rude' } }),
      400,
      'validation_failed',
    );

    await problem(await call('/v1/admin/reviews?reported=1', { token: reporter }), 403, 'forbidden');
    const queue = await call('/v1/admin/reviews?reported=1', { token: await admin() });
    const moderation = (await queue.json()) as ModerationList;
    expect(moderation.items[0]).toMatchObject({ id: second, reportCount: 1, status: 'published' });

    expect((await product(P.dress)).rating).toEqual({ average: 3, count: 2 });
    const noReason = await call(`/v1/admin/reviews/${second}/visibility`, {
      method: 'PUT',
      token: await admin(),
      json: { hidden: true },
    });
    await problem(noReason, 400, 'validation_failed');
    const hide = await call(`/v1/admin/reviews/${second}/visibility`, {
      method: 'PUT',
      token: await admin(),
      json: { hidden: true, reason: 'Written by the shop owner' },
    });
    expect(hide.status).toBe(200);
    expect((await product(P.dress)).rating).toEqual({ average: 2, count: 1 });
    expect((await product(P.dress)).topReviews.map((r) => r.id)).toEqual([first]);
    expect((await reviews(P.dress)).items.map((r) => r.id)).toEqual([first]);
    await problem(await call(`/v1/reviews/${second}/helpful`, { method: 'POST', token: reporter }), 404, 'not_found');

    await call(`/v1/admin/reviews/${second}/visibility`, { method: 'PUT', token: await admin(), json: { hidden: false } });
    expect((await product(P.dress)).rating).toEqual({ average: 3, count: 2 });
  });
});
