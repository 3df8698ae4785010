import { DurableObject } from 'cloudflare:workers';

/** One per cart. */
export class Cart extends DurableObject<OrdersEnv> {}
