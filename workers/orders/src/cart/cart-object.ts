import { DurableObject } from 'cloudflare:workers';
import { CART_DDL, CartStore } from './cart-store';
import {
  type CartAccess,
  type CartResult,
  GUEST_CART_TTL_MS,
  type LineInput,
  MAX_LINES,
  type Snapshot,
  USER_CART_TTL_MS,
} from './types';

const NOT_FOUND = { ok: false, reason: 'not_found' } as const;

/**
 * One per cart, named by its public `crt_…` id. HTTP-facing methods take the caller's access
 * and answer `not_found` to anyone who is not the owner (or does not hold the guest token), so
 * a stranger cannot tell a cart exists. An untouched cart deletes itself when its alarm fires.
 */
export class Cart extends DurableObject<OrdersEnv> {
  private readonly store: CartStore;

  constructor(ctx: DurableObjectState, env: OrdersEnv) {
    super(ctx, env);
    for (const ddl of CART_DDL) ctx.storage.sql.exec(ddl);
    this.store = new CartStore(ctx.storage);
  }

  /** Creates the cart if it does not exist yet (a user's cart is created on first use, once). */
  async create(cartId: string, ownerId: string | null, tokenHash: string | null): Promise<CartResult & { created?: boolean }> {
    const now = Date.now();
    const created = this.store.create(cartId, ownerId, tokenHash, now + this.ttl(ownerId), now);
    if (created) await this.ctx.storage.setAlarm(now + this.ttl(ownerId));
    const cart = this.store.state();
    if (!cart || !this.allowed({ userId: ownerId, tokenHash })) return NOT_FOUND;
    return { ok: true, cart, created };
  }

  async read(access: CartAccess): Promise<CartResult> {
    if (!this.allowed(access)) return NOT_FOUND;
    return this.answer();
  }

  /**
   * Adds `quantity` to the SKU's line (a new line if there is none), up to the line's limit. With a
   * `requestKey`, the same add sent again (a double-tapped form) answers the cart unchanged.
   */
  async addItem(access: CartAccess, input: LineInput, requestKey?: string): Promise<CartResult> {
    if (!this.allowed(access)) return NOT_FOUND;
    const existing = this.store.line(input.skuId);
    const quantity = (existing?.quantity ?? 0) + input.quantity;
    if (quantity > input.limit) return { ok: false, reason: 'over_limit', skuId: input.skuId, quantity, limit: input.limit };
    if (!existing && this.store.lineCount() >= MAX_LINES) return { ok: false, reason: 'too_many_lines', max: MAX_LINES };
    const now = Date.now();
    const repeated = this.ctx.storage.transactionSync(() => {
      if (requestKey && this.store.seenAdd(requestKey, now)) return true;
      this.store.putLine({ ...input, quantity }, now);
      return false;
    });
    return repeated ? this.answer() : this.touched();
  }

  async setQuantity(access: CartAccess, skuId: string, quantity: number, limit: number): Promise<CartResult> {
    if (!this.allowed(access)) return NOT_FOUND;
    const existing = this.store.line(skuId);
    if (!existing) return { ok: false, reason: 'no_line', skuId };
    if (quantity > limit) return { ok: false, reason: 'over_limit', skuId, quantity, limit };
    this.store.putLine({ ...existing, skuId, quantity }, Date.now());
    return this.touched();
  }

  async removeItem(access: CartAccess, skuId: string): Promise<CartResult> {
    if (!this.allowed(access)) return NOT_FOUND;
    if (!this.store.line(skuId)) return { ok: false, reason: 'no_line', skuId };
    this.store.removeLine(skuId);
    return this.touched();
  }

  /** Takes a guest cart's lines into this (the user's) cart, once per guest cart id. */
  async mergeFrom(access: CartAccess, sourceCartId: string, lines: LineInput[]): Promise<CartResult> {
    if (!this.allowed(access)) return NOT_FOUND;
    this.ctx.storage.transactionSync(() => this.store.merge(sourceCartId, lines, Date.now()));
    return this.touched();
  }

  /** Empties a guest cart whose lines now live in the user's cart. */
  async empty(access: CartAccess): Promise<CartResult> {
    if (!this.allowed(access)) return NOT_FOUND;
    this.store.removeAll();
    return this.touched();
  }

  /** For the checkout saga (docs/checkout.md); the caller checks `ownerId`. */
  async snapshot(): Promise<Snapshot> {
    return this.store.snapshot(this.ctx.id.name ?? '');
  }

  /** After an order is confirmed: removes the lines it bought, once per order id. */
  async clear(orderId: string, revision?: number): Promise<{ ok: true; removed: number }> {
    if (typeof orderId !== 'string' || orderId.length === 0) throw new RangeError('orderId is required');
    const removed = this.ctx.storage.transactionSync(() => this.store.clear(orderId, revision, Date.now()));
    return { ok: true, removed };
  }

  /** Abandoned: nobody touched the cart for its whole lifetime. */
  override async alarm() {
    const meta = this.store.meta();
    if (!meta) return;
    if (Date.now() >= meta.expires_at) {
      await this.ctx.storage.deleteAll();
      // deleteAll drops the tables too; this instance may serve a new cart of the same id.
      for (const ddl of CART_DDL) this.ctx.storage.sql.exec(ddl);
      return;
    }
    await this.ctx.storage.setAlarm(meta.expires_at);
  }

  private allowed(access: CartAccess): boolean {
    const meta = this.store.meta();
    if (!meta) return false;
    if (meta.owner_id !== null) return access.userId === meta.owner_id;
    return access.tokenHash !== null && access.tokenHash === meta.token_hash;
  }

  private ttl(ownerId: string | null) {
    return ownerId === null ? GUEST_CART_TTL_MS : USER_CART_TTL_MS;
  }

  private async touched(): Promise<CartResult> {
    const meta = this.store.meta();
    if (!meta) return NOT_FOUND;
    const now = Date.now();
    const ttl = this.ttl(meta.owner_id);
    this.store.touch(now, ttl);
    await this.ctx.storage.setAlarm(now + ttl);
    return this.answer();
  }

  private answer(): CartResult {
    const cart = this.store.state();
    return cart ? { ok: true, cart } : NOT_FOUND;
  }
}
