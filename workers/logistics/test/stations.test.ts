import { describe, expect, it } from 'vitest';
import { adminToken, call, problem, riderToken, shopperToken } from './fixtures';

type Station = { id: string; country: string; city: string; name: string; active: boolean; distanceKm?: number };

const NEW_STATION = {
  country: 'KE',
  city: 'Eldoret',
  name: 'Eldoret Town',
  landmark: 'Opposite Zion Mall, Uganda Road',
  openingHours: {
    mon: '08:00-18:00',
    tue: '08:00-18:00',
    wed: '08:00-18:00',
    thu: '08:00-18:00',
    fri: '08:00-18:00',
    sat: null,
    sun: null,
  },
  capacity: 80,
  location: { lat: 0.5143, lng: 35.2698 },
};

describe('GET /v1/pickup-stations', () => {
  it('lists at least 30 seeded stations across the six demo countries', async () => {
    const res = await call('/v1/pickup-stations?limit=100');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Station[] };
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((s) => s.country))).toEqual(new Set(['NG', 'KE', 'GH', 'CI', 'ZA', 'EG']));
  });

  it('filters by country and city, case-insensitively', async () => {
    const res = await call('/v1/pickup-stations?country=KE&city=nairobi');
    const { items } = (await res.json()) as { items: Station[] };
    expect(items.length).toBe(3);
    expect(items.every((s) => s.country === 'KE' && s.city === 'Nairobi')).toBe(true);
  });

  it('sorts by distance with near=lat,lng and says how far each is', async () => {
    // Sarit Centre, Westlands.
    const res = await call('/v1/pickup-stations?country=KE&near=-1.2605,36.8020&limit=3');
    const { items } = (await res.json()) as { items: Station[] };
    expect(items[0]).toMatchObject({ name: 'Westlands' });
    expect(items[0].distanceKm).toBeLessThan(1);
    expect(items.map((s) => s.distanceKm)).toEqual([...items.map((s) => s.distanceKm)].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('answers 400 naming the field for a bad near, country or limit', async () => {
    for (const [query, path] of [
      ['near=north', 'near'],
      ['near=95,10', 'near'],
      ['country=Kenya', 'country'],
      ['limit=0', 'limit'],
      ['colour=red', '(root)'],
    ] as const) {
      const body = await problem(await call(`/v1/pickup-stations?${query}`), 400, 'validation_failed');
      expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    }
  });

  it('answers one station, and 404 / 400 for an unknown or malformed id', async () => {
    expect(((await (await call('/v1/pickup-stations/pks_ke008nairobi')).json()) as Station).city).toBe('Nairobi');
    await problem(await call('/v1/pickup-stations/pks_nowhere'), 404, 'not_found');
    const body = await problem(await call('/v1/pickup-stations/abc'), 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'id', message: expect.stringContaining('pks_') }]);
  });
});

describe('admin: pickup stations', () => {
  it('opens, changes and closes a station; a closed one is no longer listed', async () => {
    const token = await adminToken();
    const created = await call('/v1/admin/pickup-stations', { method: 'POST', token, json: NEW_STATION });
    expect(created.status).toBe(201);
    const station = (await created.json()) as Station;
    expect(station).toMatchObject({ country: 'KE', city: 'Eldoret', active: true, id: expect.stringMatching(/^pks_/) });

    const patched = await call(`/v1/admin/pickup-stations/${station.id}`, { method: 'PATCH', token, json: { capacity: 120 } });
    expect(await patched.json()).toMatchObject({ capacity: 120 });

    expect((await call(`/v1/admin/pickup-stations/${station.id}`, { method: 'DELETE', token })).status).toBe(200);
    const { items } = (await (await call('/v1/pickup-stations?country=KE&city=Eldoret')).json()) as { items: Station[] };
    expect(items).toEqual([]);
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const token = await adminToken();
    const bad = { ...NEW_STATION, openingHours: { ...NEW_STATION.openingHours, mon: '8am-6pm' }, capacity: 0 };
    const body = await problem(
      await call('/v1/admin/pickup-stations', { method: 'POST', token, json: bad }),
      400,
      'validation_failed',
    );
    expect((body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['capacity', 'openingHours.mon']);
    await problem(
      await call('/v1/admin/pickup-stations/pks_ke008nairobi', { method: 'PATCH', token, json: {} }),
      400,
      'validation_failed',
    );
    await problem(
      await call('/v1/admin/pickup-stations/pks_nowhere', { method: 'PATCH', token, json: { capacity: 3 } }),
      404,
      'not_found',
    );
  });

  it('is for admins only: 401 without a token, 403 for a shopper or a rider', async () => {
    await problem(await call('/v1/admin/pickup-stations', { method: 'POST', json: NEW_STATION }), 401, 'unauthenticated');
    for (const token of [await shopperToken(), await riderToken()]) {
      await problem(await call('/v1/admin/pickup-stations', { method: 'POST', token, json: NEW_STATION }), 403, 'forbidden');
    }
  });
});

describe('GET /v1/delivery/quote', () => {
  const q = (params: Record<string, string | number>) =>
    call(`/v1/delivery/quote?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`);
  const base = {
    country: 'KE',
    city: 'Nairobi',
    method: 'home',
    currency: 'KES',
    vendorId: 'vnd_nairobitech',
    subtotal: 500_000,
  };

  it("uses the city's rate, adds a per-kg step above the included weight, and promises a window", async () => {
    const light = (await (await q(base)).json()) as {
      items: { fee: { amount: number }; window: { from: string; to: string } }[];
    };
    expect(light.items[0].fee.amount).toBe(20_000);
    expect(light.items[0].window.from <= light.items[0].window.to).toBe(true);
    const heavy = (await (await q({ ...base, weightGrams: 4500 })).json()) as { items: { fee: { amount: number } }[] };
    // 2 kg included; 2.5 kg above it = 3 started kg at KES 50.
    expect(heavy.items[0].fee.amount).toBe(20_000 + 3 * 5_000);
  });

  it("falls back to the country's rate for other cities, and stations cost less than doors", async () => {
    const home = (await (await q({ ...base, city: 'Kitale' })).json()) as { total: { amount: number } };
    const station = (await (await q({ ...base, city: 'Kitale', method: 'station' })).json()) as { total: { amount: number } };
    expect(home.total.amount).toBe(25_000);
    expect(station.total.amount).toBe(15_000);
  });

  it('is free at or above the vendor threshold', async () => {
    const { env } = await import('cloudflare:test');
    await env.DB.prepare(
      "INSERT INTO vendor_free_delivery (vendor_id, currency, threshold) VALUES ('vnd_nairobitech', 'KES', 400000)",
    ).run();
    const body = (await (await q(base)).json()) as { items: { free: boolean; fee: { amount: number } }[] };
    expect(body.items[0]).toMatchObject({ free: true, fee: { amount: 0 }, deliveredBy: 'platform' });
  });

  it('marks a vendor that delivers itself, so the checkout pays that vendor the fee', async () => {
    const { env } = await import('cloudflare:test');
    await env.DB.prepare("INSERT INTO vendor_self_delivery (vendor_id, since) VALUES ('vnd_owncarrier', 0)").run();
    const body = (await (await q({ ...base, vendorId: 'vnd_owncarrier' })).json()) as {
      items: { deliveredBy: string; fee: { amount: number } }[];
    };
    expect(body.items[0]).toMatchObject({ deliveredBy: 'vendor', fee: { amount: 20_000 } });
  });

  it('answers 400 naming the field for bad input, and a wrong currency for the country', async () => {
    const body = await problem(await q({ ...base, method: 'drone', subtotal: -1 }), 400, 'validation_failed');
    expect((body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['method', 'subtotal']);
    const wrong = await problem(await q({ ...base, currency: 'NGN' }), 400, 'validation_failed');
    expect(wrong.errors).toEqual([{ path: 'currency', message: 'Expected KES for KE' }]);
    await problem(await q({ ...base, country: 'FR', currency: 'EUR' }), 404, 'not_found');
  });
});
