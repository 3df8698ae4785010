import { env, introspectWorkflowInstance, type WorkflowInstanceModifier } from 'cloudflare:test';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { checkoutInstanceId } from '../src/checkout/start-checkout';
import {
  cartOf,
  fundWallet,
  homeAddressOf,
  inventoryOf,
  LAGOS_HOME_FEE,
  postCheckout,
  SKU,
  seedCatalogOnce,
  settledOrder,
  shopperToken,
  userCartWith,
  walletBalance,
} from './fixtures';

const CASE_PRICE = 450_000;
const RESERVE_STEP = 'reserve stock for every SKU and mark the order awaiting payment';
const CONFIRM_STEP = 'capture the payment, confirm the order and empty the cart';

beforeAll(async () => {
  await seedCatalogOnce();
});

/**
 * Starts a wallet checkout of one phone case, with `prepare` set on its Workflow instance, that
 * ends in error (`expectedError`) after compensating. Returns what the shopper sees afterwards.
 */
async function checkoutErroring(userId: string, prepare: (m: WorkflowInstanceModifier) => Promise<void>, expectedError: string) {
  const key = `compensate-${userId}`;
  const token = await shopperToken(userId);
  await fundWallet(token, 1_000_000);
  const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
  const instance = await introspectWorkflowInstance(env.CHECKOUT, await checkoutInstanceId(userId, key));
  onTestFinished(() => instance.dispose());
  await instance.modify(async (m) => {
    await m.disableRetryDelays();
    await prepare(m);
  });
  const res = await postCheckout(token, key, { cartId, shippingAddressId: homeAddressOf(userId), payment: { method: 'wallet' } });
  expect(res.status).toBe(202);
  const { orderId } = (await res.json()) as { orderId: string };
  await instance.waitForStatus('errored');
  expect((await instance.getError()).message).toContain(expectedError);
  return { token, orderId, cartId, order: await settledOrder(token, orderId) };
}

/** A checkout whose saga fails (every attempt) at the step `failAt`, and at `flaky` steps a few times. */
function checkoutFailingAt(failAt: string, userId: string, flaky: { name: string; times: number }[] = []) {
  return checkoutErroring(
    userId,
    async (m) => {
      await m.mockStepError({ name: failAt }, new Error(`injected failure at ${failAt}`));
      for (const f of flaky) await m.mockStepError({ name: f.name }, new Error(`${f.name} unavailable`), f.times);
    },
    `injected failure at ${failAt}`,
  );
}

async function paymentStatus(orderId: string) {
  return env.PAYMENTS_DB.prepare('SELECT status FROM payments WHERE order_id = ?').bind(orderId).first<string>('status');
}

describe('every compensation runs when the step after it fails', () => {
  it('cancels the created order when holding stock fails', async () => {
    const before = await inventoryOf(SKU.phoneCase).level();
    const { token, order, cartId } = await checkoutFailingAt(RESERVE_STEP, 'usr_failreserve');
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'checkout_failed' } });
    expect(order.vendorOrders).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect(await walletBalance(token)).toBe(1_000_000);
    expect((await cartOf(cartId).snapshot()).lines).toHaveLength(1);
  });

  it('releases the stock holds when marking the order fails after they were taken (one step does both)', async () => {
    const before = await inventoryOf(SKU.phoneCase).level();
    // A real failure inside the step, after the reservation: D1 refuses the move to awaiting_payment.
    await env.DB.prepare(
      `CREATE TRIGGER fail_mark BEFORE UPDATE OF status ON orders
       WHEN NEW.status = 'awaiting_payment' AND NEW.user_id = 'usr_failmark'
       BEGIN SELECT RAISE(ABORT, 'injected failure at marking'); END`,
    ).run();
    onTestFinished(async () => void (await env.DB.prepare('DROP TRIGGER fail_mark').run()));
    const { token, order } = await checkoutErroring('usr_failmark', async () => {}, 'injected failure at marking');
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'checkout_failed' } });
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
    expect(await walletBalance(token)).toBe(1_000_000);
  });

  it('voids the payment (money back in the wallet) and releases the holds when committing the stock fails', async () => {
    const before = await inventoryOf(SKU.phoneCase).level();
    const { token, order, orderId } = await checkoutFailingAt('commit the stock holds', 'usr_failcommit');
    expect(order).toMatchObject({
      status: 'cancelled',
      payment: { status: 'voided' },
      cancellation: { reason: 'checkout_failed' },
    });
    expect(await paymentStatus(orderId)).toBe('voided');
    expect(await walletBalance(token)).toBe(1_000_000);
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
  });

  it('keeps voiding through a long payments outage (12 failed tries): the wallet is whole, the order cancelled', async () => {
    const before = await inventoryOf(SKU.phoneCase).level();
    const { token, order, orderId } = await checkoutFailingAt('commit the stock holds', 'usr_voidoutage', [
      { name: 'void the payment', times: 12 },
      { name: 'cancel the order', times: 12 },
    ]);
    expect(order).toMatchObject({ status: 'cancelled', payment: { status: 'voided' } });
    expect(await paymentStatus(orderId)).toBe('voided');
    expect(await walletBalance(token)).toBe(1_000_000);
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
  });

  it('cancels, frees the stock and leaves the wallet whole when the payment step fails', async () => {
    const before = await inventoryOf(SKU.phoneCase).level();
    const { token, order } = await checkoutFailingAt('authorize the wallet payment', 'usr_failauthorize');
    expect(order).toMatchObject({ status: 'cancelled', cancellation: { reason: 'checkout_failed' } });
    expect(await walletBalance(token)).toBe(1_000_000);
    expect(await inventoryOf(SKU.phoneCase).level()).toEqual(before);
  });
});

describe('crash safety', () => {
  it('survives a step that fails once and is retried: the order is confirmed, paid once', async () => {
    const userId = 'usr_flakycapture';
    const key = 'retry-capture-0001';
    const token = await shopperToken(userId);
    await fundWallet(token, 1_000_000);
    const cartId = await userCartWith(userId, [{ skuId: SKU.phoneCase, quantity: 1 }]);
    const instance = await introspectWorkflowInstance(env.CHECKOUT, await checkoutInstanceId(userId, key));
    onTestFinished(() => instance.dispose());
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: CONFIRM_STEP }, new Error('payments blinked'), 1);
      await m.mockStepError({ name: RESERVE_STEP }, new Error('inventory blinked'), 1);
    });
    const res = await postCheckout(token, key, {
      cartId,
      shippingAddressId: homeAddressOf(userId),
      payment: { method: 'wallet' },
    });
    const { orderId } = (await res.json()) as { orderId: string };
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toEqual({ orderId, status: 'confirmed' });
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
    expect(await paymentStatus(orderId)).toBe('captured');
    expect(await walletBalance(token)).toBe(1_000_000 - CASE_PRICE - LAGOS_HOME_FEE);
  });

  it('lets an abandoned hold expire: the stock comes back without the checkout', async () => {
    const sku = inventoryOf(SKU.samsungBlack);
    const before = await sku.level();
    const held = await sku.reserve('ord_abandoned0001', 2, 1);
    expect(held.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await sku.level()).toEqual(before);
  });
});
