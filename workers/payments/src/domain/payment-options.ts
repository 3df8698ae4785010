import type { CurrencyCode } from '@linked-all/money';
import { and, eq, sql } from 'drizzle-orm';
import type { PaymentOptionsView } from '../../contract';
import { ProviderName } from '../../contract/enums';
import { codLimitQuery, openCod } from '../checkout/pay-on-delivery';
import { orm } from '../db/orm';
import { accounts, journalLines, payments } from '../db/schema';
import { AMOUNT_LIMITS, PROVIDER_CURRENCIES } from '../providers/limits';

type Input = { userId: string; currency: CurrencyCode; country?: string; amount: number };

/**
 * What can pay this order, answered from the same rules that would refuse it at checkout
 * (the providers' currencies and amount bounds, the country's pay-on-delivery limit and
 * open-order cap, the wallet balance), so a shopper is never offered a way that fails later.
 */
export async function paymentOptions(db: D1Database, input: Input): Promise<PaymentOptionsView> {
  const { userId, currency, country, amount } = input;
  const d = orm(db);
  const [wallet, cod, open] = await d.batch([
    d
      .select({ balance: sql<number>`coalesce(sum(${journalLines.amount}), 0)` })
      .from(accounts)
      .innerJoin(journalLines, eq(journalLines.accountId, accounts.id))
      .where(and(eq(accounts.kind, 'shopper_wallet'), eq(accounts.ownerId, userId), eq(accounts.currency, currency))),
    codLimitQuery(db, country ?? ''),
    d.select({ n: sql<number>`count(*)` }).from(payments).where(openCod(userId)),
  ]);
  const balance = wallet[0]?.balance ?? 0;
  const limit = cod[0];
  const openOrders = open[0]?.n ?? 0;

  const bounds = AMOUNT_LIMITS[currency];
  const providers = ProviderName.options
    .filter((p) => PROVIDER_CURRENCIES[p].includes(currency) && bounds !== undefined)
    .map((provider) => {
      const { min, max } = bounds ?? { min: 0, max: 0 };
      // M-Pesa collects whole shillings only (see refuseCharge).
      const whole = provider !== 'mpesa' || amount % 100 === 0;
      const fits = amount >= min && amount <= max && whole;
      return { provider, min, max, unavailable: fits ? null : ('amount_out_of_range' as const) };
    });

  const codRefusal = !limit
    ? ('cod_not_offered' as const)
    : limit.currency !== currency
      ? ('cod_other_currency' as const)
      : amount > limit.maxOrderAmount
        ? ('cod_over_limit' as const)
        : openOrders >= limit.maxOpenOrders
          ? ('cod_too_many_open' as const)
          : null;

  return {
    currency,
    country: country ?? null,
    amount,
    wallet: { balance, unavailable: balance >= amount ? null : 'balance_too_low' },
    mobileMoney: {
      providers,
      unavailable:
        providers.length === 0 ? 'no_provider' : providers.some((p) => p.unavailable === null) ? null : 'amount_out_of_range',
    },
    payOnDelivery: {
      maxOrderAmount: limit && limit.currency === currency ? limit.maxOrderAmount : null,
      maxOpenOrders: limit ? limit.maxOpenOrders : null,
      openOrders,
      unavailable: codRefusal,
    },
  };
}
