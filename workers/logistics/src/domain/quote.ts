import { AppError } from '@linked-all/http';
import { and, eq, inArray } from 'drizzle-orm';
import { type Quote, QuoteInput } from '../../contract/schemas';
import { orm } from '../db/orm';
import { deliveryRates, vendorFreeDelivery, vendorSelfDelivery } from '../db/schema';
import { money } from './money';

const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Delivery fee and promised window per vendor order: the city's rate if it has one, else the
 * country's ('*'); base fee plus the per-kg fee for every started kilogram above what the base
 * includes; free when the vendor's threshold for that currency is reached (the vendor pays).
 * A vendor that delivers itself is quoted the same rate, marked `deliveredBy: 'vendor'`.
 */
export async function quoteDelivery(db: D1Database, raw: QuoteInput, now = Date.now()): Promise<Quote> {
  const input = QuoteInput.parse(raw);
  const rates = await orm(db)
    .select()
    .from(deliveryRates)
    .where(and(eq(deliveryRates.country, input.country), eq(deliveryRates.method, input.method)))
    .all();
  const rate = rates.find((r) => r.city.toLowerCase() === input.city.toLowerCase()) ?? rates.find((r) => r.city === '*') ?? null;
  if (!rate) throw new AppError('not_found', `We do not deliver to ${input.country} yet`);
  if (rate.currency !== input.currency) {
    throw new AppError('validation_failed', `Delivery in ${input.country} is priced in ${rate.currency}`, {
      errors: [{ path: 'currency', message: `Expected ${rate.currency} for ${input.country}` }],
    });
  }
  const vendorIds = [...new Set(input.items.map((i) => i.vendorId))];
  const [thresholds, selfDelivering] = await Promise.all([
    orm(db)
      .select()
      .from(vendorFreeDelivery)
      .where(and(inArray(vendorFreeDelivery.vendorId, vendorIds), eq(vendorFreeDelivery.currency, rate.currency)))
      .all(),
    orm(db)
      .select({ vendorId: vendorSelfDelivery.vendorId })
      .from(vendorSelfDelivery)
      .where(inArray(vendorSelfDelivery.vendorId, vendorIds))
      .all(),
  ]);
  const ownCarriers = new Set(selfDelivering.map((v) => v.vendorId));
  const window = { from: isoDate(now + rate.minDays * DAY_MS), to: isoDate(now + rate.maxDays * DAY_MS) };
  const items = input.items.map((item) => {
    const threshold = thresholds.find((t) => t.vendorId === item.vendorId)?.threshold;
    const free = threshold !== undefined && item.subtotal >= threshold;
    const extraKg = Math.max(0, Math.ceil((item.weightGrams - rate.includedGrams) / 1000));
    const fee = free ? 0 : rate.baseFee + extraKg * rate.perKgFee;
    const deliveredBy = ownCarriers.has(item.vendorId) ? ('vendor' as const) : ('platform' as const);
    return { vendorId: item.vendorId, fee: money(fee, rate.currency), free, window, deliveredBy };
  });
  const total = items.reduce((sum, i) => sum + i.fee.amount, 0);
  return { country: input.country, city: input.city, method: input.method, items, total: money(total, rate.currency) };
}

/** The currency delivery in a country is priced in (its rates'), or null where we do not deliver. */
export async function countryCurrency(db: D1Database, country: string): Promise<string | null> {
  const rate = await orm(db)
    .select({ currency: deliveryRates.currency })
    .from(deliveryRates)
    .where(eq(deliveryRates.country, country))
    .get();
  return rate?.currency ?? null;
}
