import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';
import { AccountKind } from './domain/accounts';

export const TrialBalanceView = z.object({
  balanced: z.boolean(),
  currencies: z.array(z.object({ currency: CurrencyCode, total: z.number().int() })),
  accounts: z.array(z.object({ kind: AccountKind, currency: CurrencyCode, total: z.number().int(), count: z.number().int() })),
  unbalancedEntries: z.array(z.string()),
});

export const WalletView = z.object({
  balances: z.array(z.object({ currency: CurrencyCode, balance: z.number().int() })),
  movements: z.array(
    z.object({ entryId: z.string(), kind: z.string(), amount: z.number().int(), currency: CurrencyCode, at: z.iso.datetime() }),
  ),
});
