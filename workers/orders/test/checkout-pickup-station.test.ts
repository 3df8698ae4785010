import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { postCheckout, problem, SKU, seedCatalogOnce, shopperToken, userCartWith } from './fixtures';

beforeAll(seedCatalogOnce);

const cod = { method: 'pay_on_delivery', country: 'NG' };

async function refused(userId: string, pickupStationId: string, skuId: string = SKU.phoneCase) {
  const token = await shopperToken(userId);
  const cartId = await userCartWith(userId, [{ skuId, quantity: 1 }]);
  const body = await problem(
    await postCheckout(token, `station-${userId}`, { cartId, pickupStationId, payment: cod }),
    400,
    'validation_failed',
  );
  expect((body.errors as { path: string }[]).map((e) => e.path)).toEqual(['pickupStationId']);
  const orders = await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE user_id = ?').bind(userId).first<{ n: number }>();
  expect(orders?.n).toBe(0);
  return body;
}

describe('POST /v1/checkout checks the pickup station with logistics', () => {
  it('refuses a station that does not exist', async () => {
    expect((await refused('usr_stationa', 'pks_nowhere01')).errors).toEqual([
      { path: 'pickupStationId', message: 'No such pickup station' },
    ]);
  });

  it('refuses a closed station', async () => {
    await env.LOGISTICS_DB.prepare("UPDATE pickup_stations SET active = 0 WHERE id = 'pks_ng002lagos'").run();
    await refused('usr_stationb', 'pks_ng002lagos');
  });

  it("refuses a station in another country than the cart's", async () => {
    const body = await refused('usr_stationc', 'pks_ke008nairobi');
    expect(body.detail).toContain('KE');
  });
});
