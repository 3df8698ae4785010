import { backlog, recordDeadLetters } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { installFaultSwitch, openApiPaths } from '@linked-all/http';
import { observeBatch } from '@linked-all/metrics';
import type { z } from 'zod';
import { ListProductsQuery, PopularQuery, ProductId, SkuIds, SuggestQuery } from '../contract';
import { createApp } from './app';
import { consumeCatalogEvents } from './consumers/catalog-events';
import { consumeIdentityEvents } from './consumers/identity-events';
import { consumeInventoryEvents } from './consumers/inventory-events';
import { readSession, writeSession } from './db/session';
import { categoryTree } from './domain/category-tree';
import { getProduct } from './domain/get-product';
import { listProducts } from './domain/list-products';
import { relayCatalogOutbox } from './domain/relay';
import { skuDetails } from './domain/sku-details';
import { suggest } from './domain/suggest';
import { countConfirmedPurchases } from './recommendations/count-purchases';
import { popularIn } from './recommendations/recommend';

const app = createApp();

/**
 * The catalog worker. HTTP (`fetch`) serves the /v1 catalog API behind the
 * gateway; RPC methods give the gateway's pages plain data; `queue` consumes
 * catalog-events; `scheduled` re-sends outbox rows a crash left behind and counts what
 * confirmed orders bought together.
 */
export default class CatalogService extends AdminEntrypoint<CatalogEnv>('catalog') {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  override async queue(batch: MessageBatch<unknown>) {
    await observeBatch(this.env, 'catalog', batch);
    if (batch.queue.endsWith('-dlq')) return recordDeadLetters(batch, this.env.DB);
    if (batch.queue.startsWith('identity-events')) return consumeIdentityEvents(batch, this.env);
    if (batch.queue.startsWith('inventory-events')) return consumeInventoryEvents(batch, this.env);
    return consumeCatalogEvents(batch, this.env);
  }

  override async scheduled() {
    await relayCatalogOutbox(this.env);
    // After the relay: when orders is away this throws (logged), and the next minute catches up.
    await countConfirmedPurchases(this.env);
  }

  /** "Popular in your country" for the home page. */
  async popular(query: z.input<typeof PopularQuery>) {
    const { country, limit } = PopularQuery.parse(query);
    return popularIn(readSession(this.env.DB), country, limit);
  }

  /** Listing for pages; input is validated here too, since RPC callers skip HTTP validation. */
  async listProducts(query: z.input<typeof ListProductsQuery>) {
    return listProducts(readSession(this.env.DB), ListProductsQuery.parse(query));
  }

  async getProduct(id: string) {
    const parsed = ProductId.safeParse(id);
    return parsed.success ? getProduct(readSession(this.env.DB), parsed.data) : null;
  }

  /**
   * Details of up to 100 SKUs for carts and checkout, in one query. Read from the primary:
   * a checkout re-prices from this, so it must not see a replica's older price.
   */
  async skus(ids: string[]) {
    return skuDetails(writeSession(this.env.DB), SkuIds.parse(ids));
  }

  async categoryTree() {
    return categoryTree(readSession(this.env.DB));
  }

  async suggest(q: string) {
    return suggest(readSession(this.env.DB), SuggestQuery.parse({ q }).q);
  }

  /** Liveness plus a real round trip to each binding the catalog cannot work without. */
  async health() {
    const started = Date.now();
    await this.env.DB.prepare('SELECT 1').first();
    return { ...(await backlog(this.env.DB)), service: 'catalog', ok: true, d1Ms: Date.now() - started };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(CatalogService, 'catalog');
