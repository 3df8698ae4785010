import { backlog, recordDeadLetters } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { installFaultSwitch, openApiPaths } from '@linked-all/http';
import { observeBatch } from '@linked-all/metrics';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  ListProductsQuery,
  PopularQuery,
  ProductId,
  ProductViewInput,
  SkuIds,
  SuggestQuery,
  SynonymGroupInput,
  SynonymTerm,
} from '../contract';
import { createApp } from './app';
import { consumeCatalogEvents } from './consumers/catalog-events';
import { consumeIdentityEvents } from './consumers/identity-events';
import { consumeInventoryEvents } from './consumers/inventory-events';
import { orm } from './db/orm';
import { readSession, writeSession } from './db/session';
import { countProductViews, forgetOldViews } from './discover/product-views';
import { cachedSuggest, listOrSearch } from './discover/search-cache';
import { addSynonyms, listSynonyms, removeSynonyms } from './discover/synonyms';
import { categoryTree } from './domain/category-tree';
import { getProduct } from './domain/get-product';
import { relayCatalogOutbox } from './domain/relay';
import { skuDetails } from './domain/sku-details';
import { countConfirmedPurchases } from './recommendations/count-purchases';
import { popularIn } from './recommendations/recommend';
import { reviewedPurchases } from './reviews/reviewed-purchases';

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
    if (batch.queue.startsWith('product-views')) {
      await countProductViews(
        this.env.DB,
        batch.messages.map((m) => m.body),
      );
      return;
    }
    return consumeCatalogEvents(batch, this.env);
  }

  override async scheduled() {
    await relayCatalogOutbox(this.env);
    // After the relay: when orders is away this throws (logged), and the next minute catches up.
    await countConfirmedPurchases(this.env);
    await forgetOldViews(this.env.DB);
  }

  /** "Popular in your country" for the home page. */
  async popular(query: z.input<typeof PopularQuery>) {
    const { country, limit } = PopularQuery.parse(query);
    return popularIn(readSession(this.env.DB), country, limit);
  }

  /** Listing for pages; input is validated here too, since RPC callers skip HTTP validation. */
  /** The shopper's order page: which products of these (their own) vendor orders they already reviewed. */
  async reviewedPurchases(userId: string, vendorOrderIds: string[]) {
    return reviewedPurchases(this.env.DB, String(userId), Array.isArray(vendorOrderIds) ? vendorOrderIds : []);
  }

  async listProducts(query: z.input<typeof ListProductsQuery>) {
    return listOrSearch(this.env, (p) => this.ctx.waitUntil(p), readSession(this.env.DB), ListProductsQuery.parse(query));
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
    return cachedSuggest(this.env, (p) => this.ctx.waitUntil(p), readSession(this.env.DB), SuggestQuery.parse({ q }).q);
  }

  /**
   * A product page view from the gateway, queued for the co-view count (the page does not wait for
   * the count). A malformed view is dropped here, never queued.
   */
  async recordView(view: z.input<typeof ProductViewInput>) {
    const parsed = ProductViewInput.safeParse(view);
    if (parsed.success) await this.env.PRODUCT_VIEWS.send(parsed.data, { contentType: 'json' });
    return { queued: parsed.success };
  }

  /** The console's synonym groups. */
  adminSynonyms() {
    return listSynonyms(this.env.DB);
  }

  /**
   * Adds a synonym group (audited); search uses it at once (the listing version is bumped). Bad
   * input is an answer naming the fields, not a thrown error: the console shows it as a 400.
   */
  async adminAddSynonyms(group: z.input<typeof SynonymGroupInput>, actor: string) {
    const parsed = SynonymGroupInput.safeParse(group);
    if (!parsed.success) return { ok: false as const, fields: parsed.error.issues.map((i) => i.path.join('.')) };
    await addSynonyms({ db: this.env.DB, cache: this.env.CACHE, adminId: actor, now: Date.now() }, parsed.data);
    return { ok: true as const };
  }

  /** Removes a term's synonym group (audited); `removed: false` when it had none. */
  async adminRemoveSynonyms(term: string, actor: string) {
    const removed = await removeSynonyms(
      { db: this.env.DB, cache: this.env.CACHE, adminId: actor, now: Date.now() },
      SynonymTerm.parse(term),
    );
    return { removed };
  }

  /** Liveness plus a real round trip to each binding the catalog cannot work without. */
  async health() {
    const started = Date.now();
    await orm(this.env.DB).get(sql`SELECT 1`);
    return { ...(await backlog(this.env.DB)), service: 'catalog', ok: true, d1Ms: Date.now() - started };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(CatalogService, 'catalog');
