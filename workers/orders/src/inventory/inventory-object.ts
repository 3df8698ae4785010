import { DurableObject } from 'cloudflare:workers';

/** One per SKU: the single authority on its stock. */
export class Inventory extends DurableObject<OrdersEnv> {}
