import { env, introspectWorkflowInstance } from 'cloudflare:test';
import { caller } from '@linked-all/testing';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { checkoutInstanceId } from '../src/checkout/start-checkout';
import {
  call,
  homeAddressOf,
  inventoryOf,
  LAGOS_HOME_FEE,
  postCheckout,
  problem,
  SKU,
  seedCatalogOnce,
  settledOrder,
  shopperToken,
  userCartWith,
  walletBalance,
} from './fixtures';

const CASE_PRICE = 450_000;
const payments = caller((request) => env.PAYMENTS.fetch(request), 'https://payments.internal');

beforeAll(async () => {
  await seedCatalogOnce();
});

const momo = (cartId: string, userId: string, provider = 'paystack') => ({
  cartId,
  shippingAddressId: homeAddressOf(userId),
  payment: { method: 'mobile_money', provider, phone: '+2348012345678' },
});

/** Waits until the saga has started the charge, and answers its payment id. */
async function pendingCharge(orderId: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const row = await env.DB.prepare("SELECT payment_id FROM orders WHERE id = ? AND payment_status = 'pending'")
      .bind(orderId)
      .first<string>('payment_id');
    if (row) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no pending charge for ${orderId}`);
}

/** The shopper acts on the provider's prompt (the sandbox sends the signed callback to payments). */
async function actOnPhone(token: string, paymentId: string, action: 'approve' | 'decline') {
  const res = await payments(`/v1/dev/payments/${paymentId}/${action}`, { method: 'POST', token });
  expect(res.status).toBe(200);
}

// Real queues between two workers: each of these waits for deliveries in real time.
describe('mobile money checkout', { timeout: 30_000 }, () => {
  it('waits for the approval on the phone, then pays from the credited wallet and confirms', async () => {
    const userId = 'usr_momobuyer';
    const token = await shopperToken(userId);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const res = await postCheckout(token, 'momo-approve-0001', momo(cartId, userId));
    const { orderId } = (await res.json()) as { orderId: string };
    const paymentId = await pendingCharge(orderId);
    expect((await (await call(`/v1/orders/${orderId}`, { token })).json()) as object).toMatchObject({
      status: 'awaiting_payment',
      payment: { method: 'mobile_money', provider: 'paystack', status: 'pending' },
    });

    await actOnPhone(token, paymentId, 'approve');
    // payments → payment-events → this worker's consumer → the waiting saga.
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    expect(await walletBalance(token)).toBe(0);
    expect(await inventoryOf(SKU.phoneCase).level()).toMatchObject({ held: 0 });
  });

  // Flutterwave notifies failures too (Paystack only notifies success; payments finds its declines by polling).
  it('cancels with payment_failed when the shopper declines, and frees the stock', async () => {
    const userId = 'usr_momodecliner';
    const token = await shopperToken(userId);
    const before = await inventoryOf(SKU.phoneCase).level();
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const { orderId } = (await (await postCheckout(token, 'momo-decline-0001', momo(cartId, userId, 'flutterwave'))).json()) as {
      orderId: string;
    };
    await actOnPhone(token, await pendingCharge(orderId), 'decline');
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'cancelled', cancellation: { reason: 'payment_failed' } });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect(await walletBalance(token)).toBe(0);
  });

  it('cancels with cancelled_by_shopper when the shopper cancels while the prompt is pending, and frees the stock', async () => {
    const userId = 'usr_momochangedmind';
    const token = await shopperToken(userId);
    const before = await inventoryOf(SKU.phoneCase).level();
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const { orderId } = (await (await postCheckout(token, 'momo-cancel-0001', momo(cartId, userId))).json()) as {
      orderId: string;
    };
    const paymentId = await pendingCharge(orderId);
    // Shopper B cannot cancel it for them.
    await problem(
      await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token: await shopperToken('usr_momostranger') }),
      404,
      'not_found',
    );

    const res = await call(`/v1/orders/${orderId}/cancel`, { method: 'POST', token });
    expect(res.status).toBe(202);
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'cancelled_by_shopper' },
      payment: { id: paymentId, method: 'mobile_money' },
    });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect(await walletBalance(token)).toBe(0);
  });

  // The compensation after a part-way commit: one SKU already committed, the other's hold gone.
  it('puts an already committed SKU back on hand when another SKU’s hold expired before the commit', async () => {
    const userId = 'usr_momopartial';
    const token = await shopperToken(userId);
    const before = [await inventoryOf(SKU.phoneCase).level(), await inventoryOf(SKU.samsungBlack).level()];
    const cartId = await userCartWith(userId, [
      { skuId: SKU.phoneCase, quantity: 1 },
      { skuId: SKU.samsungBlack, quantity: 1 },
    ]);
    const { orderId } = (await (await postCheckout(token, 'momo-partial-0001', momo(cartId, userId))).json()) as {
      orderId: string;
    };
    const paymentId = await pendingCharge(orderId);
    // While the saga waits for the phone: the case is committed (as by an earlier attempt of the
    // commit step) and the phone's hold is released (as by its expiry).
    expect(await inventoryOf(SKU.phoneCase).commit(orderId)).toEqual({ ok: true });
    await inventoryOf(SKU.samsungBlack).release(orderId);

    await actOnPhone(token, paymentId, 'approve');
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'reservation_expired', skuIds: [SKU.samsungBlack] },
    });
    expect([await inventoryOf(SKU.phoneCase).level(), await inventoryOf(SKU.samsungBlack).level()]).toEqual(before);
  });

  it('gives up at the timeout, and a payment approved later stays in the wallet', async () => {
    const userId = 'usr_momoslow';
    const key = 'momo-timeout-0001';
    const token = await shopperToken(userId);
    const before = await inventoryOf(SKU.phoneCase).level();
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const instance = await introspectWorkflowInstance(env.CHECKOUT, await checkoutInstanceId(userId, key));
    onTestFinished(() => instance.dispose());
    await instance.modify(async (m) => {
      await m.forceEventTimeout({ name: 'wait for the mobile money payment' });
    });
    const { orderId } = (await (await postCheckout(token, key, momo(cartId, userId))).json()) as { orderId: string };
    await instance.waitForStatus('complete');
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'payment_timeout' },
    });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);

    const paymentId = await env.DB.prepare('SELECT payment_id FROM orders WHERE id = ?')
      .bind(orderId)
      .first<string>('payment_id');
    await actOnPhone(token, paymentId ?? '', 'approve');
    const deadline = Date.now() + 15_000;
    while ((await walletBalance(token)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await walletBalance(token)).toBe(CASE_PRICE + LAGOS_HOME_FEE);
    expect((await (await call(`/v1/orders/${orderId}`, { token })).json()) as object).toMatchObject({ status: 'cancelled' });
  });
});
