// Funds the demo shoppers' wallets through the real payment path: a top-up at a provider's
// sandbox, approved there, confirmed by the provider's signed callback to the webhook route,
// credited by the ledger. Idempotent: each top-up carries a fixed Idempotency-Key, so a second
// `pnpm dev` replays the first answer and credits nothing twice.

import { mintDevToken } from '../../packages/auth/src/dev-keys.ts';

/** What each demo shopper starts with, per market (minor units); Egypt pays on delivery. */
export const DEMO_FUNDING = [
  { currency: 'KES', provider: 'mpesa', amount: 50_000_00 },
  { currency: 'NGN', provider: 'paystack', amount: 500_000_00 },
  { currency: 'GHS', provider: 'paystack', amount: 5_000_00 },
  { currency: 'ZAR', provider: 'paystack', amount: 10_000_00 },
  { currency: 'XOF', provider: 'mtn_momo', amount: 1_000_000 },
];
export const DEMO_SHOPPERS = [1, 2, 3, 4, 5].map((n) => ({
  userId: `usr_demoshopper${n}`,
  phone: `+2547000001${String(n).padStart(2, '0')}`,
}));

async function send(baseUrl, path, token, { body, key } = {}) {
  const headers = { authorization: `Bearer ${token}` };
  if (body) headers['content-type'] = 'application/json';
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: body && JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** Tops up and approves every demo shopper's wallet in every funded currency; returns how many were credited now. */
export async function fundDemoWallets(baseUrl, { shoppers = DEMO_SHOPPERS, funding = DEMO_FUNDING } = {}) {
  let credited = 0;
  for (const shopper of shoppers) {
    const token = await mintDevToken({ userId: shopper.userId, role: 'shopper', expiresIn: '10m' });
    for (const { currency, provider, amount } of funding) {
      const topUp = await send(baseUrl, '/v1/wallet/topups', token, {
        body: { amount, currency, provider, phone: shopper.phone },
        key: `demo-funding-${currency}`,
      });
      if (topUp.status !== 202)
        throw new Error(`demo top-up ${shopper.userId} ${currency}: ${topUp.status} ${JSON.stringify(topUp.json)}`);
      const approved = await send(baseUrl, `/v1/dev/payments/${topUp.json.topUpId}/approve`, token);
      // 409: approved on an earlier start, already paid.
      if (approved.status === 200) credited++;
      else if (approved.status !== 409) {
        throw new Error(`demo approve ${topUp.json.topUpId}: ${approved.status} ${JSON.stringify(approved.json)}`);
      }
    }
  }
  return credited;
}
