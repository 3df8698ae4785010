import { describe, expect, it } from 'vitest';
import { COOKWARE, call, fund, orderOf, payments, problem, shopper } from './preamble';

const options = (token: string, query: string) => call(`/v1/wallet/payment-options?${query}`, { token });

describe('GET /v1/wallet/payment-options', () => {
  it('offers for EGP no mobile-money provider and pay on delivery in Egypt, with the limit', async () => {
    const me = await shopper();
    const response = await options(me.token, 'currency=EGP&country=EG&amount=50000');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      currency: 'EGP',
      country: 'EG',
      amount: 50000,
      wallet: { balance: 0, unavailable: 'balance_too_low' },
      mobileMoney: { providers: [], unavailable: 'no_provider' },
      payOnDelivery: { maxOrderAmount: 1000000, maxOpenOrders: 3, openOrders: 0, unavailable: null },
    });
  });

  it('names the providers that collect KES with their bounds, and refuses pay on delivery above the Kenyan limit', async () => {
    const me = await shopper();
    await fund(me.userId, 4_000_000, 'KES');
    const body = await (await options(me.token, 'currency=KES&country=KE&amount=3539900')).json();
    expect(body).toEqual({
      currency: 'KES',
      country: 'KE',
      amount: 3539900,
      wallet: { balance: 4_000_000, unavailable: null },
      mobileMoney: {
        providers: [
          { provider: 'mpesa', min: 1000, max: 15_000_000, unavailable: null },
          { provider: 'paystack', min: 1000, max: 15_000_000, unavailable: null },
          { provider: 'flutterwave', min: 1000, max: 15_000_000, unavailable: null },
        ],
        unavailable: null,
      },
      payOnDelivery: { maxOrderAmount: 3_000_000, maxOpenOrders: 3, openOrders: 0, unavailable: 'cod_over_limit' },
    });
  });

  it('counts my open pay-on-delivery orders and refuses a fourth', async () => {
    const me = await shopper();
    for (let i = 0; i < 3; i++) {
      const order = orderOf(me.userId, 'KES', [{ vendorId: `vnd_${i}aaaa`, lines: [{ categoryId: COOKWARE, amount: 1000 }] }]);
      expect(await payments.record({ ...order, country: 'KE' })).toMatchObject({ ok: true });
    }
    const body = await (await options(me.token, 'currency=KES&country=KE&amount=1000')).json();
    expect(body).toMatchObject({ payOnDelivery: { openOrders: 3, unavailable: 'cod_too_many_open' } });
    // Another shopper's count is their own.
    const other = await shopper();
    const theirs = await (await options(other.token, 'currency=KES&country=KE&amount=1000')).json();
    expect(theirs).toMatchObject({ payOnDelivery: { openOrders: 0, unavailable: null } });
  });

  it('says pay on delivery is not offered in a country without it, and in another currency than the country’s', async () => {
    const me = await shopper();
    expect(await (await options(me.token, 'currency=KES&country=FR&amount=1000')).json()).toMatchObject({
      payOnDelivery: { maxOrderAmount: null, maxOpenOrders: null, unavailable: 'cod_not_offered' },
    });
    expect(await (await options(me.token, 'currency=KES&country=NG&amount=1000')).json()).toMatchObject({
      payOnDelivery: { maxOrderAmount: null, unavailable: 'cod_other_currency' },
    });
  });

  it('answers 400 naming the field for an unknown currency, and 401 without a token', async () => {
    const me = await shopper();
    const body = await problem(await options(me.token, 'currency=XYZ&amount=1'), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'currency' })]);
    expect((await call('/v1/wallet/payment-options?currency=KES&amount=1')).status).toBe(401);
  });
});
