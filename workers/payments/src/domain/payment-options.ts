import type { CurrencyCode } from '@linked-all/money';
import type { PaymentOptionsView } from '../../contract';
import { ProviderName } from '../../contract/enums';
import { OPEN_COD } from '../checkout/pay-on-delivery';
import { AMOUNT_LIMITS, PROVIDER_CURRENCIES } from '../providers/limits';

type Input = { userId: string; currency: CurrencyCode; country?: string; amount: number };

/**
 * What can pay this order, answered from the same rules that would refuse it at checkout
 * (the providers' currencies and amount bounds, the country's pay-on-delivery limit and
 * open-order cap, the wallet balance), so a shopper is never offered a way that fails later.
 */
export async function paymentOptions(db: D1Database, input: Input): Promise<PaymentOptionsView> {
  const { userId, currency, country, amount } = input;
  const [wallet, cod, open] = await db.batch([
    db
      .prepare(
        `SELECT coalesce(sum(l.amount), 0) AS balance FROM accounts a JOIN journal_lines l ON l.account_id = a.id
         WHERE a.kind = 'shopper_wallet' AND a.owner_id = ? AND a.currency = ?`,
      )
      .bind(userId, currency),
    db
      .prepare(
        'SELECT currency, max_order_amount AS maxOrderAmount, max_open_orders AS maxOpenOrders FROM cod_limits WHERE country = ?',
      )
      .bind(country ?? ''),
    db.prepare(`SELECT (${OPEN_COD}) AS n`).bind(userId),
  ]);
  const balance = (wallet.results[0] as { balance: number } | undefined)?.balance ?? 0;
  const limit = cod.results[0] as { currency: string; maxOrderAmount: number; maxOpenOrders: number } | undefined;
  const openOrders = (open.results[0] as { n: number } | undefined)?.n ?? 0;

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
