import { DurableObject } from 'cloudflare:workers';
import { log, traced } from '@linked-all/http';
import { metricsSink } from '@linked-all/metrics';
import { callCatalog } from '../service-calls';
import { assertReservationId, assertReserve, assertStockQuantity } from './input';
import { hasUnsent, pruneSent, sendUnsent } from './inventory-outbox';
import { INVENTORY_DDL, upgradeInventorySchema } from './schema';
import { StockLedger } from './stock-ledger';
import type { CommitResult, Level, ReleaseResult, ReserveResult, RestockResult, SetStockResult } from './types';

const SKU_ID = /^sku_[0-9a-z]{4,40}$/;
// An event not sent right after its change (queue down, object evicted) is retried this soon by the alarm.
const OUTBOX_RETRY_MS = 10_000;

/**
 * One per SKU (`env.INVENTORY.idFromName(skuId)`): the single authority on its stock.
 * Every method is idempotent by its reservation id (docs/checkout.md). The input gate
 * serialises calls, and each change is one synchronous SQL transaction, so a hot SKU
 * needs no locks; only the one-time adoption from the catalog awaits anything first.
 */
export class Inventory extends DurableObject<OrdersEnv> {
  private readonly ledger: StockLedger;
  private adopting: Promise<void> | undefined;
  private alarmAt: number | null = null;
  private flushing: Promise<void> | undefined;
  private flushAgain = false;

  constructor(ctx: DurableObjectState, env: OrdersEnv) {
    super(ctx, env);
    for (const ddl of INVENTORY_DDL) ctx.storage.sql.exec(ddl);
    upgradeInventorySchema(ctx.storage);
    this.ledger = new StockLedger(ctx.storage);
    // Needed once: every later alarm decision compares against the scheduled time.
    ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /** Sets on-hand. Held units stay held, so on-hand may not go below them (`below_held`). */
  async setStock(skuId: string, quantity: number): Promise<SetStockResult> {
    assertStockQuantity(quantity);
    if (skuId !== this.skuId()) throw new RangeError(`this object holds stock for ${this.skuId()}, not ${skuId}`);
    if (!(await this.ready())) throw new RangeError(`the catalog has no SKU ${skuId}`);
    const now = Date.now();
    const result = this.ledger.setStock(quantity, now);
    this.afterChange();
    return result;
  }

  /** Holds `quantity` for `ttlMs` if that many are available; the same id always gets its first answer. */
  async reserve(reservationId: string, quantity: number, ttlMs: number): Promise<ReserveResult> {
    assertReserve(reservationId, quantity, ttlMs);
    await this.ready();
    const now = Date.now();
    const result = this.ledger.reserve(reservationId, quantity, ttlMs, now);
    this.afterChange(result.ok ? now + ttlMs : undefined);
    // Hot SKUs on the dashboard (reservations per second per SKU); never delays the answer.
    this.ctx.waitUntil(
      metricsSink(this.env).write({
        kind: 'reservation',
        service: 'orders',
        sku: this.skuId(),
        outcome: result.ok ? 'held' : 'refused',
        quantity,
      }),
    );
    return result;
  }

  /** The held units leave on-hand for good. A released (or expired) reservation cannot be committed. */
  async commit(reservationId: string): Promise<CommitResult> {
    assertReservationId(reservationId);
    const now = Date.now();
    const result = this.ledger.commit(reservationId, now);
    this.afterChange();
    return result;
  }

  /** Frees a held reservation; releasing twice, a committed or an unknown id changes nothing. */
  async release(reservationId: string): Promise<ReleaseResult> {
    assertReservationId(reservationId);
    const now = Date.now();
    const result = this.ledger.release(reservationId, now);
    this.afterChange();
    return result;
  }

  /**
   * Puts a sold reservation's units back on hand before shipment (a shopper's cancel, a vendor's
   * reject), exactly once per reservation id; a hold is released; unknown, released or already
   * returned ids change nothing. This object holds one SKU, so it returns only that SKU's units.
   */
  async restock(reservationId: string): Promise<RestockResult> {
    assertReservationId(reservationId);
    const now = Date.now();
    const result = this.ledger.restock(reservationId, now);
    this.afterChange();
    return result;
  }

  /** A return after delivery: `quantity` units back on hand, once per return id. */
  async restockReturn(returnId: string, quantity: number): Promise<RestockResult> {
    assertReserve(returnId, quantity, 1);
    if (!(await this.ready())) throw new RangeError(`the catalog has no SKU ${this.skuId()}`);
    const result = this.ledger.restockReturn(returnId, quantity, Date.now());
    this.afterChange();
    return result;
  }

  async level(): Promise<Level> {
    if (await this.ready()) {
      this.ledger.expireHolds(Date.now());
      this.afterChange();
    }
    return this.ledger.level(this.skuId());
  }

  /** Releases expired holds, re-sends unsent events, and schedules itself for the next expiry. */
  override async alarm() {
    this.alarmAt = null;
    const now = Date.now();
    this.ledger.expireHolds(now);
    pruneSent(this.ctx.storage.sql, now);
    await this.flush();
    const retry = hasUnsent(this.ctx.storage.sql) ? Date.now() + OUTBOX_RETRY_MS : null;
    const next = [this.ledger.nextExpiry(), retry].filter((t): t is number => t !== null);
    if (next.length > 0) this.scheduleAlarm(Math.min(...next));
  }

  private skuId(): string {
    const name = this.ctx.id.name;
    if (!name) throw new Error('Inventory objects are addressed by idFromName(skuId)');
    return name;
  }

  /** True once the object has a stock row; the first call adopts the catalog's projected stock. */
  private async ready(): Promise<boolean> {
    if (this.ledger.sku()) return true;
    const skuId = this.skuId();
    if (!SKU_ID.test(skuId)) return false;
    // Concurrent first calls share one catalog read; they all wait for it, nothing else does.
    this.adopting ??= this.adopt(skuId).finally(() => {
      this.adopting = undefined;
    });
    await this.adopting;
    return this.ledger.sku() !== null;
  }

  private async adopt(skuId: string) {
    const [details] = await callCatalog(() => traced(this.env.CATALOG).skus([skuId]));
    if (!details) return;
    this.ledger.adopt(details, details.available);
    log('info', 'inventory adopted the catalog stock', { skuId, onHand: details.available });
  }

  /**
   * After a call: events it wrote are sent now, with the alarm as the safety net should the
   * send fail or the object be evicted first; a new hold's expiry is the alarm's business too.
   */
  private afterChange(holdExpiresAt?: number) {
    if (hasUnsent(this.ctx.storage.sql)) {
      this.scheduleAlarm(Date.now() + OUTBOX_RETRY_MS);
      void this.flush();
    }
    if (holdExpiresAt !== undefined) this.scheduleAlarm(holdExpiresAt);
  }

  private scheduleAlarm(at: number) {
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  /** One sender at a time; calls that arrive meanwhile are served by its next round. */
  private flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.flushAgain = false;
          while ((await sendUnsent(this.ctx.storage.sql, this.env.INVENTORY_EVENTS)) > 0);
        } while (this.flushAgain);
      } catch (err) {
        // The rows stay unsent; the alarm scheduled with the change retries them.
        log('warn', 'inventory outbox send failed', { error: err instanceof Error ? err.message : String(err) });
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }
}
