import { MAX_STOCK, MAX_TTL_MS } from './types';

// RPC callers skip HTTP validation, so the object checks its own input. A bad call is a bug in
// the caller (the routes validate with zod first) and fails loudly instead of answering data.

function assertInt(name: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer in ${min}..${max}`);
}

export function assertReservationId(id: string) {
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) throw new RangeError('reservationId must be 1..200 characters');
}

export function assertReserve(reservationId: string, quantity: number, ttlMs: number) {
  assertReservationId(reservationId);
  assertInt('quantity', quantity, 1, MAX_STOCK);
  assertInt('ttlMs', ttlMs, 1, MAX_TTL_MS);
}

export function assertStockQuantity(quantity: number) {
  assertInt('quantity', quantity, 0, MAX_STOCK);
}
