import { describe, expect, it } from 'vitest';
import { assertReservationId, assertReserve, assertStockQuantity } from '../src/inventory/input';

// The Inventory object runs these before touching stock. (Asserting the throw through a DO stub
// would leak an unhandled rejection in the test pool: cloudflare/workers-sdk#14736.)
describe('Inventory input checks', () => {
  it('refuses a reservation of zero, a fraction, too much, or without a lifetime', () => {
    expect(() => assertReserve('ord_x', 0, 1000)).toThrow(/quantity/);
    expect(() => assertReserve('ord_x', 1.5, 1000)).toThrow(/quantity/);
    expect(() => assertReserve('ord_x', 1_000_001, 1000)).toThrow(/quantity/);
    expect(() => assertReserve('ord_x', 1, 0)).toThrow(/ttlMs/);
    expect(() => assertReserve('ord_x', 1, 25 * 60 * 60 * 1000)).toThrow(/ttlMs/);
    expect(() => assertReserve('ord_x', 1, 1000)).not.toThrow();
  });

  it('refuses an empty or oversized reservation id', () => {
    expect(() => assertReservationId('')).toThrow(/reservationId/);
    expect(() => assertReservationId('x'.repeat(201))).toThrow(/reservationId/);
  });

  it('refuses a negative or fractional stock', () => {
    expect(() => assertStockQuantity(-1)).toThrow(/quantity/);
    expect(() => assertStockQuantity(2.5)).toThrow(/quantity/);
    expect(() => assertStockQuantity(0)).not.toThrow();
  });
});
