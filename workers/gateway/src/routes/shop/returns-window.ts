import type { OrderView } from '@linked-all/orders/contract';
import type { PageCtx } from '../../page-response';

/**
 * The delivered packages of an order still inside their return window (payments' release date),
 * so the order page links only those to a return. Payments not answering hides the link rather
 * than the order: the return page itself asks again and says why it cannot take a return.
 */
export async function returnablePackages(c: PageCtx, order: OrderView): Promise<string[]> {
  const delivered = order.vendorOrders.filter((v) => v.status === 'delivered');
  const windows = await Promise.all(delivered.map((v) => c.env.PAYMENTS.returnWindow({ vendorOrderId: v.id }).catch(() => null)));
  const now = Date.now();
  return delivered
    .filter((_, i) => {
      const window = windows[i];
      return window?.ok === true && 'windowEndsAt' in window && now < Date.parse(window.windowEndsAt);
    })
    .map((v) => v.id);
}
