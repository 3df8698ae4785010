import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { newId } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { seedIdentityShop } from '@linked-all/testing/identity-seed';
import { creditTopUp, payFromWallet, releaseToPayable } from '../src/domain/operations';

// Real category ids of the catalog seeder (migrations/payments/0003 seeds their rules).
export const SMARTPHONES = 'cat_01hpzak400w5d087fj346xnbya'; // electronics family: 5%
export const SHOES = 'cat_01hpzak400mtab6v52q9jm29th'; // fashion: 15%
export const COOKWARE = 'cat_01hpzak400c5x0tmzrkd68pw4g'; // no rule of its own: '*' 10%

type Lines = { categoryId: string; amount: number }[];

/** An order as the checkout saga sends it: one vendor order per entry of `vendors`. */
export function orderOf(userId: string, currency: CurrencyCode, vendors: { vendorId: string; lines: Lines }[]) {
  const vendorOrders = vendors.map((v) => ({ vendorOrderId: newId('vor'), vendorId: v.vendorId, lines: v.lines }));
  return {
    orderId: newId('ord'),
    userId,
    amount: vendorOrders.reduce((s, v) => s + v.lines.reduce((t, l) => t + l.amount, 0), 0),
    currency,
    vendorOrders,
  };
}

/** Puts money in a shopper's wallet the way a confirmed top-up does. */
export async function fund(userId: string, amount: number, currency: CurrencyCode) {
  await creditTopUp({ db: env.DB }, { ref: `topup:${newId('top')}`, userId, provider: 'mpesa', amount, currency });
}

/** A vendor id and a vendor token for it; identity knows the shop as approved, with the token's user as owner. */
export async function vendor() {
  const vendorId = newId('vnd');
  const userId = newId('usr');
  await seedIdentityShop(env.IDENTITY_DB, { vendorId, userId });
  return { vendorId, userId, token: await mintDevToken({ userId, role: 'vendor', vendorId }) };
}

export async function entriesWithRef(ref: string): Promise<number> {
  return (
    (await env.DB.prepare('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?').bind(ref).first<number>('n')) ?? 0
  );
}

/** Gives a vendor `amount` of payable balance the way real sales do: bought, delivered, released. */
export async function payableBalance(vendorId: string, amount: number, currency: CurrencyCode = 'KES') {
  const ref = newId('ord');
  const userId = newId('usr');
  await fund(userId, amount, currency);
  await payFromWallet({ db: env.DB }, { ref: `purchase:${ref}`, userId, vendorId, amount, commission: 0, currency });
  await releaseToPayable({ db: env.DB }, { ref: `release:${ref}`, vendorId, amount, currency });
}

/** A captured wallet order of one vendor: 100,000 KES of shoes (15% → 85,000 to the vendor). */
export async function capturedOrder() {
  const userId = newId('usr');
  const vendorId = newId('vnd');
  await fund(userId, 100_000, 'KES');
  const order = orderOf(userId, 'KES', [{ vendorId, lines: [{ categoryId: SHOES, amount: 100_000 }] }]);
  await exports.default.authorize(order);
  await exports.default.capture({ orderId: order.orderId });
  return { userId, vendorId, order, vendorOrderId: order.vendorOrders[0].vendorOrderId };
}

/** Every currency whose journal lines do not sum to zero (none, in a sound ledger). */
export async function unbalanced() {
  const { results } = await env.DB.prepare(
    'SELECT currency, sum(amount) AS total FROM journal_lines GROUP BY currency HAVING sum(amount) <> 0',
  ).all<{ currency: string; total: number }>();
  return results;
}
