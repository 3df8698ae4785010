import { backlog, recordDeadLetters } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { installFaultSwitch, openApiPaths, rpcAnswer } from '@linked-all/http';
import { observeBatch } from '@linked-all/metrics';
import { sql } from 'drizzle-orm';
import { type ShipmentStatus, TERMINAL_SHIPMENT_STATUSES } from '../contract/enums';
import type { LogisticsRpc, QuoteAnswer, StationAnswer } from '../contract/rpc';
import { QuoteInput } from '../contract/schemas';
import { createApp } from './app';
import { consumeOrderEvents } from './consumers/order-events';
import { orm } from './db/orm';
import { orderOfTrackingCode, shipmentSteps } from './domain/admin-shipments';
import { collectionCode } from './domain/collection-code';
import { countryCurrency, quoteDelivery } from './domain/quote';
import { relayLogisticsOutbox } from './domain/relay';
import { secret } from './domain/secrets';
import { findStation } from './domain/stations';
import { returnUncollected } from './domain/uncollected';
import { deliveryOf } from './domain/views';

const app = createApp();

/**
 * The logistics worker. HTTP (`fetch`) serves pickup stations, delivery quotes, the rider and
 * station-agent desks, tracking and courier webhooks behind the gateway; `queue` consumes
 * order-events (shipments are born from order.confirmed); `scheduled` sends uncollected station
 * parcels back and re-sends outbox rows a crash left behind.
 */
export default class LogisticsService extends AdminEntrypoint<LogisticsEnv>('logistics') implements LogisticsRpc {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  override async queue(batch: MessageBatch<unknown>) {
    await observeBatch(this.env, 'logistics', batch);
    if (batch.queue.endsWith('-dlq')) return recordDeadLetters(batch, this.env.DB);
    return consumeOrderEvents(batch, this.env);
  }

  override async scheduled() {
    await returnUncollected(this.env);
    await relayLogisticsOutbox(this.env);
  }

  /** Delivery fee and window per vendor order. Refusals are answers (an AppError does not cross RPC). */
  async quote(input: QuoteInput): Promise<QuoteAnswer> {
    return rpcAnswer(QuoteInput, input, async (valid) => ({ ok: true as const, quote: await quoteDelivery(this.env.DB, valid) }));
  }

  /** One pickup station, active or closed (checkout refuses a closed one). */
  async station(id: string): Promise<StationAnswer> {
    const station = typeof id === 'string' ? await findStation(this.env.DB, id) : null;
    if (!station) return { ok: false, reason: 'not_found', detail: `No pickup station ${String(id)}` };
    return { ok: true, station, currency: await countryCurrency(this.env.DB, station.country) };
  }

  /**
   * Notifications: the collection codes of a shopper's parcels still on their way, for a resend by
   * SMS (USSD, `RESEND <code>`). The same codes the shopper's tracking page shows: derived from the
   * shipment id (collection-code.ts), so a resend repeats the code rather than replacing it. Only
   * `userId`'s own delivery shipments: another shopper's vendor order answers an empty list.
   */
  async openCollectionCodes(input: { vendorOrderId: string; userId: string }) {
    const found = await deliveryOf(this.env.DB, String(input.vendorOrderId), String(input.userId));
    const open = found.filter(({ row }) => !(TERMINAL_SHIPMENT_STATUSES as readonly ShipmentStatus[]).includes(row.status));
    const key = secret(this.env.COLLECTION_CODE_SECRET, 'COLLECTION_CODE_SECRET');
    return Promise.all(
      open.map(async ({ row }) => ({
        shipmentId: row.id,
        trackingCode: row.tracking_code,
        code: await collectionCode(key, row.id),
      })),
    );
  }

  /** Liveness plus a real round trip to D1. */
  async health() {
    const started = Date.now();
    await orm(this.env.DB).get(sql`SELECT 1`);
    return { ...(await backlog(this.env.DB)), service: 'logistics' as const, ok: true, d1Ms: Date.now() - started };
  }

  /** The console: the order a tracking code belongs to. */
  adminOrderOfTrackingCode(code: string) {
    return orderOfTrackingCode(this.env.DB, String(code).slice(0, 40));
  }

  /** The console's order timeline: every status move of the order's shipments. */
  adminShipmentSteps(orderId: string) {
    return shipmentSteps(this.env.DB, orderId);
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(LogisticsService, 'logistics');
