import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, confirmedOrder, LAGOS_STATION, seedCatalogOnce, vendorReady } from './fixtures';

// Admin actions on shipments and delivery write the shared admin_audit row in the write's batch
// (issue 15): booking a carrier, and switching a shop's self-delivery on or off. A repeat that
// changes nothing writes no row.

beforeAll(seedCatalogOnce);

const rows = (target: string) =>
  env.DB.prepare('SELECT actor, action, detail FROM admin_audit WHERE target = ? ORDER BY created_at, id')
    .bind(target)
    .all<{ actor: string; action: string; detail: string | null }>()
    .then((r) => r.results);

describe('admin audit of shipments and self-delivery', () => {
  // A confirmed order takes seconds to build on a loaded machine: a longer budget than the default 5 s.
  it('audits a courier booking once, even when the booking is asked for again', { timeout: 30_000 }, async () => {
    const order = await confirmedOrder('usr_auditbook', { pickupStationId: LAGOS_STATION }, 'wallet');
    await vendorReady(order.vendorOrderId);
    const token = await adminToken();
    const book = () =>
      call(`/v1/admin/shipments/${order.shipmentId}/courier`, { method: 'POST', token, json: { carrier: 'sendy' } });
    const first = (await (await book()).json()) as { carrierRef: string };
    expect((await book()).status).toBe(200);
    const audit = await rows(order.shipmentId);
    expect(audit).toEqual([
      {
        actor: 'usr_admin1',
        action: 'shipment.book_courier',
        detail: JSON.stringify({ carrier: 'sendy', carrierRef: first.carrierRef }),
      },
    ]);
  });

  it('audits self-delivery on and off, and not the repeats', async () => {
    const put = async (selfDelivery: boolean) =>
      expect(
        (
          await call('/v1/admin/self-delivery/vnd_auditself', {
            method: 'PUT',
            token: await adminToken(),
            json: { selfDelivery },
          })
        ).status,
      ).toBe(200);
    await put(true);
    await put(true);
    await put(false);
    await put(false);
    expect((await rows('vnd_auditself')).map((r) => [r.actor, r.action])).toEqual([
      ['usr_admin1', 'vendor.self_delivery_on'],
      ['usr_admin1', 'vendor.self_delivery_off'],
    ]);
  });
});
