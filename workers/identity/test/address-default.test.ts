import { describe, expect, it } from 'vitest';
import { call, problem, registerShopper } from './fixtures';

const home = { label: 'Home', landmark: 'Blue gate after the Total station', city: 'Nairobi', country: 'KE' };
const work = { label: 'Work', landmark: 'Third floor above the bank', city: 'Nairobi', country: 'KE' };

async function add(token: string, json: object): Promise<{ id: string }> {
  const response = await call('/v1/me/addresses', { method: 'POST', token, json });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

const list = async (token: string) =>
  (await (await call('/v1/me/addresses', { token })).json()) as { id: string; label: string; isDefault: boolean }[];

describe('editing an address and choosing the default', () => {
  it('changes an address in place, keeping its id', async () => {
    const a = await registerShopper();
    const address = await add(a.accessToken, home);
    const changed = await call(`/v1/me/addresses/${address.id}`, {
      method: 'PUT',
      token: a.accessToken,
      json: { ...home, landmark: 'Green gate by the church', city: 'Kisumu' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      id: address.id,
      landmark: 'Green gate by the church',
      city: 'Kisumu',
      label: 'Home',
    });
  });

  it('makes one address the default, listed first, and moves the default when another is chosen', async () => {
    const a = await registerShopper();
    const first = await add(a.accessToken, home);
    const second = await add(a.accessToken, work);
    expect((await list(a.accessToken)).map((x) => [x.label, x.isDefault])).toEqual([
      ['Home', false],
      ['Work', false],
    ]);
    expect((await call(`/v1/me/addresses/${second.id}/default`, { method: 'POST', token: a.accessToken })).status).toBe(200);
    expect((await list(a.accessToken)).map((x) => [x.label, x.isDefault])).toEqual([
      ['Work', true],
      ['Home', false],
    ]);
    expect((await call(`/v1/me/addresses/${first.id}/default`, { method: 'POST', token: a.accessToken })).status).toBe(200);
    expect((await list(a.accessToken)).map((x) => [x.label, x.isDefault])).toEqual([
      ['Home', true],
      ['Work', false],
    ]);
  });

  it("answers 404 when shopper B edits or chooses shopper A's address, which stays as it was", async () => {
    const a = await registerShopper();
    const b = await registerShopper();
    const address = await add(a.accessToken, home);
    await call(`/v1/me/addresses/${address.id}/default`, { method: 'POST', token: a.accessToken });
    const mine = await add(b.accessToken, work);
    await call(`/v1/me/addresses/${mine.id}/default`, { method: 'POST', token: b.accessToken });
    await problem(
      await call(`/v1/me/addresses/${address.id}`, { method: 'PUT', token: b.accessToken, json: work }),
      404,
      'not_found',
    );
    await problem(
      await call(`/v1/me/addresses/${address.id}/default`, { method: 'POST', token: b.accessToken }),
      404,
      'not_found',
    );
    // B's own default is untouched by the refused try, and A's address is unchanged.
    expect((await list(b.accessToken)).map((x) => [x.id, x.isDefault])).toEqual([[mine.id, true]]);
    expect(await list(a.accessToken)).toEqual([
      expect.objectContaining({ id: address.id, landmark: home.landmark, isDefault: true }),
    ]);
  });

  it('answers 400 naming the field for a bad edit', async () => {
    const a = await registerShopper();
    const address = await add(a.accessToken, home);
    const body = await problem(
      await call(`/v1/me/addresses/${address.id}`, { method: 'PUT', token: a.accessToken, json: { ...home, country: 'kenya' } }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([expect.objectContaining({ path: 'country' })]);
  });
});
