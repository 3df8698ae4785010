// Pay-on-delivery cash between the door and the platform (issue 15): a rider's cash collection sits
// on the rider's own ledger account until a remittance hands it in; a remittance is audited, refused
// above what the rider holds (even when several race), counted once per Idempotency-Key, and the
// alert counts cash held more than 48 h.
import { env } from 'cloudflare:test';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { alertFigures } from '../src/alert-figures';
import { collectPayOnDelivery } from '../src/checkout/pay-on-delivery';
import { adminToken, COOKWARE, call, entriesWithRef, ledgerBalance, orderOf, payments, problem, unbalanced } from './preamble';

const HOUR = 3_600_000;

/** A recorded pay-on-delivery order of one vendor order in KES. */
async function codParcel(amount: number) {
  const order = {
    ...orderOf(newId('usr'), 'KES', [{ vendorId: newId('vnd'), lines: [{ categoryId: COOKWARE, amount }] }]),
    country: 'KE',
  };
  expect(await payments.record(order)).toMatchObject({ ok: true });
  return { orderId: order.orderId, vendorOrderId: order.vendorOrders[0].vendorOrderId, amount };
}

/** A rider collected a parcel's cash at the door, `hoursAgo` hours ago. */
async function collected(riderId: string, amount: number, hoursAgo = 0) {
  const parcel = await codParcel(amount);
  const result = await collectPayOnDelivery(
    { db: env.DB, now: Date.now() - hoursAgo * HOUR },
    { ...parcel, method: 'cash', collectorId: riderId },
  );
  expect(result).toEqual({ ok: true, status: 'collected', amount });
  return parcel;
}

function remit(riderId: string, json: unknown, key: string | null = crypto.randomUUID(), token?: string) {
  return (async () =>
    call(`/v1/admin/cod/collectors/${riderId}/remittances`, {
      method: 'POST',
      token: token ?? (await adminToken()),
      headers: key ? { 'idempotency-key': key } : {},
      json,
    }))();
}

// What the rider owes us: their account runs negative (0 - keeps an empty account at 0, not -0).
const held = async (riderId: string) => 0 - (await ledgerBalance('collector_cash', riderId, 'KES'));
const auditRows = (riderId: string) =>
  env.DB.prepare("SELECT actor, reason, detail FROM admin_audit WHERE action = 'cod.remit' AND target = ?")
    .bind(riderId)
    .all<{ actor: string; reason: string; detail: string }>()
    .then((r) => r.results);

describe('a rider’s cash', () => {
  it('is held on the rider’s own account from collection to remittance, the ledger balanced throughout', async () => {
    const rider = newId('usr');
    const receivable = await ledgerBalance('cod_receivable', null, 'KES');
    await collected(rider, 30_000, 5);
    await collected(rider, 20_000, 1);
    expect(await held(rider)).toBe(50_000);
    // Cash in a named rider's hands is theirs to hand in, not the anonymous COD receivable's.
    expect(await ledgerBalance('cod_receivable', null, 'KES')).toBe(receivable);
    expect(await unbalanced()).toEqual([]);
    const collectedBy = await env.DB.prepare(
      'SELECT count(*) AS n FROM vendor_order_payments WHERE collected_by = ? AND status = ?',
    )
      .bind(rider, 'collected')
      .first('n');
    expect(collectedBy).toBe(2);

    const platformCash = await ledgerBalance('platform_cash', null, 'KES');
    const admin = newId('usr');
    const response = await remit(
      rider,
      { amount: 30_000, currency: 'KES', reason: 'Handed in at the Westlands hub' },
      crypto.randomUUID(),
      await mintDevToken({ userId: admin, role: 'admin' }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      remittanceId: expect.stringMatching(/^jre_/),
      collectorId: rider,
      amount: 30_000,
      currency: 'KES',
      held: 20_000,
      created: true,
    });
    expect(await held(rider)).toBe(20_000);
    expect(await ledgerBalance('platform_cash', null, 'KES')).toBe(platformCash - 30_000);
    expect(await unbalanced()).toEqual([]);
    const trial = await call('/v1/admin/ledger/trial-balance', { token: await adminToken() });
    expect(await trial.json()).toMatchObject({ balanced: true });
    expect(await auditRows(rider)).toEqual([
      { actor: admin, reason: 'Handed in at the Westlands hub', detail: expect.stringContaining('"amount":30000') },
    ]);

    // The older collection is the one covered: what is left dates from the newer one.
    const view = await (await call('/v1/admin/cod/collectors', { token: await adminToken() })).json();
    const row = (view as { collectors: { collectorId: string; oldestAt: string | null }[] }).collectors.find(
      (c) => c.collectorId === rider,
    );
    expect(row).toMatchObject({ collectorId: rider, currency: 'KES', held: 20_000, collections: 1 });
    const age = Date.now() - Date.parse(row?.oldestAt ?? '');
    expect(age).toBeGreaterThan(0.9 * HOUR);
    expect(age).toBeLessThan(2 * HOUR);
  });

  it('keeps mobile money and an unnamed collector on the COD receivable, as before', async () => {
    const rider = newId('usr');
    const parcel = await codParcel(10_000);
    const receivable = await ledgerBalance('cod_receivable', null, 'KES');
    expect(await payments.collect({ ...parcel, method: 'mobile_money', collectorId: rider })).toMatchObject({ ok: true });
    expect(await ledgerBalance('cod_receivable', null, 'KES')).toBe(receivable - 10_000);
    expect(await held(rider)).toBe(0);
  });

  it('is named by the admin collect route too', async () => {
    const rider = newId('usr');
    const parcel = await codParcel(12_000);
    const response = await call(`/v1/admin/cod/${parcel.vendorOrderId}/collect`, {
      method: 'POST',
      token: await adminToken(),
      json: { orderId: parcel.orderId, method: 'cash', amount: 12_000, collectorId: rider },
    });
    expect(response.status).toBe(200);
    expect(await held(rider)).toBe(12_000);
  });
});

describe('POST /v1/admin/cod/collectors/:collectorId/remittances', () => {
  it('refuses more than the rider holds with a 409 problem naming what they hold, and posts nothing', async () => {
    const rider = newId('usr');
    await collected(rider, 15_000);
    const body = await problem(
      await remit(rider, { amount: 15_001, currency: 'KES', reason: 'Counted at the hub' }),
      409,
      'conflict',
    );
    expect(body).toMatchObject({
      reason: 'exceeds_held',
      held: 15_000,
      errors: [{ path: 'amount', message: 'At most 15000' }],
    });
    // Someone who never collected cash holds nothing.
    expect(
      await problem(await remit(newId('usr'), { amount: 1, currency: 'KES', reason: 'Counted at the hub' }), 409, 'conflict'),
    ).toMatchObject({ reason: 'exceeds_held', held: 0 });
    // Nor does the rider hold any other currency.
    expect(
      await problem(await remit(rider, { amount: 100, currency: 'UGX', reason: 'Counted at the hub' }), 409, 'conflict'),
    ).toMatchObject({ held: 0 });
    expect(await held(rider)).toBe(15_000);
    expect(await auditRows(rider)).toEqual([]);
  });

  it('answers 400 naming the field for a bad amount, currency, reason, rider id or Idempotency-Key', async () => {
    const rider = newId('usr');
    await collected(rider, 15_000);
    const fieldOf = async (response: Response) =>
      ((await problem(response, 400, 'validation_failed')).errors as { path: string }[]).map((e) => e.path);
    const ok = { amount: 1_000, currency: 'KES', reason: 'Counted at the hub' };
    expect(await fieldOf(await remit(rider, { ...ok, amount: 0 }))).toEqual(['amount']);
    expect(await fieldOf(await remit(rider, { ...ok, amount: 10.5 }))).toEqual(['amount']);
    expect(await fieldOf(await remit(rider, { ...ok, amount: '1000' }))).toEqual(['amount']);
    expect(await fieldOf(await remit(rider, { ...ok, currency: 'kes' }))).toEqual(['currency']);
    expect(await fieldOf(await remit(rider, { ...ok, reason: 'x' }))).toEqual(['reason']);
    expect(await fieldOf(await remit(rider, { ...ok, tip: 1 }))).toEqual(['(root)']);
    expect(await fieldOf(await remit('vnd_notarider', ok))).toEqual(['collectorId']);
    await problem(await remit(rider, ok, null), 400, 'validation_failed');
    await problem(await remit(rider, ok, 'short'), 400, 'validation_failed');
    expect(await held(rider)).toBe(15_000);
  });

  it('counts a replayed remittance once, and refuses the key for another amount', async () => {
    const rider = newId('usr');
    await collected(rider, 40_000);
    const key = crypto.randomUUID();
    const json = { amount: 25_000, currency: 'KES', reason: 'Evening cash-up' };
    const first = await remit(rider, json, key);
    expect(first.status).toBe(201);
    const { remittanceId } = (await first.json()) as { remittanceId: string };
    const again = await remit(rider, json, key);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ remittanceId, created: false, held: 15_000 });
    expect(await held(rider)).toBe(15_000);
    expect(await entriesWithRef(`remit:${key}`)).toBe(1);
    expect(await auditRows(rider)).toHaveLength(1);
    await problem(await remit(rider, { ...json, amount: 5_000 }, key), 409, 'idempotency_conflict');
    await problem(await remit(newId('usr'), json, key), 409, 'idempotency_conflict');
    expect(await held(rider)).toBe(15_000);
  });

  it('never lets concurrent remittances together exceed the cash held', async () => {
    const rider = newId('usr');
    await collected(rider, 30_000);
    await collected(rider, 20_000);
    const platformCash = await ledgerBalance('platform_cash', null, 'KES');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => remit(rider, { amount: 20_000, currency: 'KES', reason: 'Two tills at once' })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409]);
    expect(await held(rider)).toBe(10_000);
    expect(await ledgerBalance('platform_cash', null, 'KES')).toBe(platformCash - 40_000);
    expect(await auditRows(rider)).toHaveLength(2);
    expect(await unbalanced()).toEqual([]);
  });

  it('answers 403 to a shopper, a vendor and a rider, 401 without a token, and moves nothing', async () => {
    const rider = newId('usr');
    await collected(rider, 9_000);
    const json = { amount: 9_000, currency: 'KES', reason: 'Not mine to record' };
    await problem(
      await remit(rider, json, crypto.randomUUID(), await mintDevToken({ userId: newId('usr'), role: 'shopper' })),
      403,
      'forbidden',
    );
    const vendorToken = await mintDevToken({ userId: newId('usr'), role: 'vendor', vendorId: newId('vnd') });
    await problem(await remit(rider, json, crypto.randomUUID(), vendorToken), 403, 'forbidden');
    await problem(
      await remit(rider, json, crypto.randomUUID(), await mintDevToken({ userId: rider, role: 'rider' })),
      403,
      'forbidden',
    );
    const anonymous = await call(`/v1/admin/cod/collectors/${rider}/remittances`, {
      method: 'POST',
      headers: { 'idempotency-key': crypto.randomUUID() },
      json,
    });
    await problem(anonymous, 401, 'unauthenticated');
    await problem(await call('/v1/admin/cod/collectors', { token: vendorToken }), 403, 'forbidden');
    expect(await held(rider)).toBe(9_000);
  });
});

describe('the cod_cash_overdue figure', () => {
  it('counts cash a rider has held more than 48 h, oldest first, until it is remitted', async () => {
    const now = Date.now();
    const overdue = async () => (await alertFigures(env.DB, now)).codCashOverdue;
    const before = await overdue();
    const rider = newId('usr');
    await collected(rider, 10_000, 47);
    expect(await overdue()).toBe(before); // 47 h: not yet
    await collected(rider, 8_000, 50);
    await collected(rider, 6_000, 49);
    expect(await overdue()).toBe(before + 2);
    // The oldest collection (50 h) is covered; part of the 49 h one is still out.
    expect((await remit(rider, { amount: 12_000, currency: 'KES', reason: 'Partial cash-up' })).status).toBe(201);
    expect(await overdue()).toBe(before + 1);
    expect((await remit(rider, { amount: 2_000, currency: 'KES', reason: 'Rest of the 49 h parcel' })).status).toBe(201);
    expect(await overdue()).toBe(before);
    expect(await held(rider)).toBe(10_000);
  });

  it('still counts a delivered parcel whose collection nobody booked after 48 h, once', async () => {
    const now = Date.now();
    const before = (await alertFigures(env.DB, now)).codCashOverdue;
    const parcel = await codParcel(7_000);
    expect(
      await payments.delivered({ vendorOrderId: parcel.vendorOrderId, deliveredAt: new Date(now - 49 * HOUR) }),
    ).toMatchObject({
      ok: true,
    });
    expect((await alertFigures(env.DB, now)).codCashOverdue).toBe(before + 1);
    // Booked now by a rider: no longer "never collected", and freshly held, so not overdue either.
    await collectPayOnDelivery({ db: env.DB, now }, { ...parcel, method: 'cash', collectorId: newId('usr') });
    expect((await alertFigures(env.DB, now)).codCashOverdue).toBe(before);
  });
});
