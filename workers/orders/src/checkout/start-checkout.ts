import { AppError, currentTraceparent, newId, traced } from '@linked-all/http';
import { type MetricsEnv, metricsSink } from '@linked-all/metrics';
import { and, eq } from 'drizzle-orm';
import type { CheckoutBody } from '../../contract';
import { orm } from '../db/orm';
import { orders } from '../db/schema';
import { callIdentity } from '../service-calls';
import type { CheckoutParams } from './checkout-params';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with sorted keys: the same body written in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The checkout Workflow instance of one (shopper, Idempotency-Key): the same pair always names the same instance. */
export async function checkoutInstanceId(userId: string, idempotencyKey: string): Promise<string> {
  return `chk_${(await sha256Hex(`${userId}\n${idempotencyKey}`)).slice(0, 48)}`;
}

type Placed = { id: string; status: string; request_hash: string; workflow_instance_id: string; cart_id: string };

export type CheckoutStarted = { orderId: string; status: string };

/**
 * POST /v1/checkout. The order row is the idempotency record: UNIQUE (user_id, idempotency_key),
 * so any number of identical requests at once insert one order and start one saga (the instance
 * id is derived from the same pair, and creating it twice is a no-op). Every one of them answers
 * with that order; the same key with another body is a 409. The cart must be the caller's.
 */
export async function startCheckout(
  env: Pick<OrdersEnv, 'DB' | 'CARTS' | 'CHECKOUT' | 'IDENTITY'> & MetricsEnv,
  input: { userId: string; idempotencyKey: string; body: CheckoutBody },
): Promise<CheckoutStarted> {
  const { userId, idempotencyKey, body } = input;
  const requestHash = await sha256Hex(canonical(body));
  let placed = await findPlaced(env.DB, userId, idempotencyKey);
  if (!placed) {
    const snapshot = await env.CARTS.get(env.CARTS.idFromName(body.cartId)).snapshot();
    // Someone else's cart looks exactly like a cart that does not exist.
    if (snapshot.ownerId !== userId) throw new AppError('not_found', `You have no cart ${body.cartId}`);
    if (snapshot.lines.length === 0) throw new AppError('conflict', 'The cart is empty: add something before checking out');
    if (body.shippingAddressId) await requireOwnAddress(env.IDENTITY, userId, body.shippingAddressId);
    const now = Date.now();
    const instanceId = await checkoutInstanceId(userId, idempotencyKey);
    const [inserted] = await orm(env.DB)
      .insert(orders)
      .values({
        id: newId('ord', now),
        userId,
        status: 'pending',
        paymentMethod: body.payment.method,
        paymentProvider: body.payment.method === 'mobile_money' ? body.payment.provider : null,
        shippingAddressId: body.shippingAddressId ?? null,
        pickupStationId: body.pickupStationId ?? null,
        cartId: body.cartId,
        idempotencyKey,
        requestHash,
        workflowInstanceId: instanceId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [orders.userId, orders.idempotencyKey] })
      .returning(placedColumns);
    // The funnel's first stage, counted once per order (a duplicate request inserts nothing).
    if (inserted) await metricsSink(env).write({ kind: 'checkout', service: 'orders', stage: 'started' });
    // A concurrent duplicate inserted first: its row is the order.
    placed = inserted ?? (await findPlaced(env.DB, userId, idempotencyKey));
    if (!placed) throw new Error('the order row vanished after its insert');
  }
  if (placed.request_hash !== requestHash) {
    throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used for another checkout; use a new key');
  }
  await ensureSaga(env.CHECKOUT, placed.workflow_instance_id, {
    orderId: placed.id,
    userId,
    cartId: placed.cart_id,
    payment: body.payment,
    traceparent: currentTraceparent(),
    // The same body as the row's (the request hash matched), so the same destination.
    destination: { shippingAddressId: body.shippingAddressId ?? null, pickupStationId: body.pickupStationId ?? null },
  });
  return { orderId: placed.id, status: placed.status };
}

/**
 * The address must be the shopper's own (identity owns addresses); another user's address is
 * answered exactly like a missing one, so ids cannot be probed. Checked before the order row
 * exists, so a refused address reserves and charges nothing.
 */
async function requireOwnAddress(identity: OrdersEnv['IDENTITY'], userId: string, addressId: string): Promise<void> {
  const address = await callIdentity(() => traced(identity).address(userId, addressId));
  if (!address) {
    throw new AppError('not_found', `You have no address ${addressId}`, {
      errors: [{ path: 'shippingAddressId', message: 'Not one of your addresses' }],
    });
  }
}

const placedColumns = {
  id: orders.id,
  status: orders.status,
  request_hash: orders.requestHash,
  workflow_instance_id: orders.workflowInstanceId,
  cart_id: orders.cartId,
};

function findPlaced(db: D1Database, userId: string, key: string): Promise<Placed | undefined> {
  return orm(db)
    .select(placedColumns)
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)))
    .get();
}

/** Starts the saga unless it exists: concurrent duplicates (and a retry after a crash) all end here. */
async function ensureSaga(workflow: Workflow<CheckoutParams>, id: string, params: CheckoutParams): Promise<void> {
  try {
    await workflow.create({ id, params });
  } catch (err) {
    // A duplicate (concurrent, or a replay) finds it created; anything else is a real failure.
    if (!(await exists(workflow, id))) throw err;
  }
}

async function exists(workflow: Workflow<CheckoutParams>, id: string): Promise<boolean> {
  try {
    await workflow.get(id);
    return true;
  } catch {
    return false;
  }
}
