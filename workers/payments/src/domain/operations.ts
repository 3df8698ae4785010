import { AppError } from '@linked-all/http';
import type { CurrencyCode } from '@linked-all/money';
import { asc, eq, sql } from 'drizzle-orm';
import type { AccountKind } from '../../contract/enums';
import { orm } from '../db/orm';
import { accounts, journalEntries, journalLines } from '../db/schema';
import { type Account, ensureAccount } from './accounts';
import { type EntryGuard, type EntryLine, type PostEntryResult, postEntry } from './post-entry';

/**
 * The money movements of the marketplace, each one balanced entry under the caller's
 * idempotency key. Retrying any of them with the same `ref` writes nothing new.
 */
type Ctx = { db: D1Database; now?: number };

function positive(amount: number) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('validation_failed', 'Amounts are positive integers');
}

/** A wallet purchase: the shopper pays the gross, the vendor's share is held pending, we keep the commission. */
export async function payFromWallet(
  { db, now }: Ctx,
  input: { ref: string; userId: string; vendorId: string; amount: number; commission: number; currency: CurrencyCode },
): Promise<PostEntryResult> {
  positive(input.amount);
  if (!Number.isSafeInteger(input.commission) || input.commission < 0 || input.commission >= input.amount) {
    throw new AppError('validation_failed', 'The commission is a whole amount below the price');
  }
  const { currency } = input;
  const [wallet, pending, commission] = await resolveAccounts(
    db,
    [
      { kind: 'shopper_wallet', ownerId: input.userId, currency },
      { kind: 'vendor_pending', ownerId: input.vendorId, currency },
      { kind: 'platform_commission', ownerId: null, currency },
    ],
    now,
  );
  const lines = [
    { account: wallet, amount: -input.amount, currency },
    { account: pending, amount: input.amount - input.commission, currency },
  ];
  if (input.commission > 0) lines.push({ account: commission, amount: input.commission, currency });
  return postEntry(db, { externalRef: input.ref, kind: 'purchase', now, lines });
}

/** Reverses a purchase before release: the vendor's pending share and our commission go back to the wallet. */
export async function refundToWallet(
  { db, now }: Ctx,
  input: {
    ref: string;
    userId: string;
    vendorId: string;
    amount: number;
    commission: number;
    currency: CurrencyCode;
    /** Where the vendor's share sits now: pending before release, payable after. */
    from?: 'pending' | 'payable';
    /** The delivery fee the platform's logistics was paid: it goes back too. */
    logisticsFee?: number;
    /** The vendor order's state the amounts were computed from (see postEntry). */
    guard?: EntryGuard;
  },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult> {
  positive(input.amount);
  const { currency } = input;
  const logisticsFee = input.logisticsFee ?? 0;
  const [wallet, vendor, commission, logistics] = await resolveAccounts(
    db,
    [
      { kind: 'shopper_wallet', ownerId: input.userId, currency },
      { kind: input.from === 'payable' ? 'vendor_payable' : 'vendor_pending', ownerId: input.vendorId, currency },
      { kind: 'platform_commission', ownerId: null, currency },
      { kind: 'logistics_revenue', ownerId: null, currency },
    ],
    now,
  );
  const vendorShare = input.amount - input.commission - logisticsFee;
  const lines = [{ account: wallet, amount: input.amount, currency }];
  // A vendor order whose whole amount was commission (and fee) left the vendor nothing to take back.
  if (vendorShare > 0) lines.push({ account: vendor, amount: -vendorShare, currency });
  if (input.commission > 0) lines.push({ account: commission, amount: -input.commission, currency });
  if (logisticsFee > 0) lines.push({ account: logistics, amount: -logisticsFee, currency });
  return postEntry(db, { externalRef: input.ref, kind: 'refund', now, lines, also, guard: input.guard });
}

/** `amount` is what the shopper pays (delivery included); `logisticsFee` of it goes to the platform's logistics. */
export type VendorShare = { vendorId: string; amount: number; commission: number; logisticsFee?: number };

type AccountSpec = { kind: AccountKind; ownerId: string | null; currency: CurrencyCode };
type AccountRow = Pick<Account, 'id' | 'kind' | 'ownerId' | 'currency'>;

/** The existing accounts among `specs`, as one query (it also joins a batch: see authorize). */
export function accountsQuery(db: D1Database, specs: AccountSpec[]) {
  const wanted = JSON.stringify(specs.map((s) => [s.kind, s.ownerId ?? '', s.currency]));
  // One read for every spec: a row-value IN over the specs as a JSON array.
  return orm(db)
    .select({ id: accounts.id, kind: accounts.kind, ownerId: accounts.ownerId, currency: accounts.currency })
    .from(accounts)
    .where(
      sql`(${accounts.kind}, coalesce(${accounts.ownerId}, ''), ${accounts.currency}) IN
        (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${wanted}))`,
    );
}

/**
 * Several accounts in one read; only the missing ones are created (first use only). A hot
 * path (every checkout) then costs one round trip and no write for its accounts, or none when
 * the caller read `accountsQuery(specs)` already (`found`).
 */
export async function resolveAccounts(
  db: D1Database,
  specs: AccountSpec[],
  now?: number,
  found?: AccountRow[],
): Promise<Account[]> {
  const key = (kind: string, ownerId: string | null, currency: string) => `${kind}|${ownerId ?? ''}|${currency}`;
  const results = found ?? (await accountsQuery(db, specs));
  const byKey = new Map(results.map((a) => [key(a.kind, a.ownerId, a.currency), a]));
  return Promise.all(
    specs.map((s) => byKey.get(key(s.kind, s.ownerId, s.currency)) ?? ensureAccount(db, s.kind, s.ownerId, s.currency, now)),
  );
}

type PaymentSource = { kind: 'shopper_wallet' | 'cod_receivable' | 'collector_cash'; ownerId: string | null };

/** The accounts an order paid from `source` to these vendors moves, in `payVendors`' order. */
export function purchaseAccounts(source: PaymentSource, vendorIds: readonly string[], currency: CurrencyCode): AccountSpec[] {
  return [
    { ...source, currency },
    { kind: 'platform_commission', ownerId: null, currency },
    { kind: 'logistics_revenue', ownerId: null, currency },
    ...vendorIds.map((id) => ({ kind: 'vendor_pending' as const, ownerId: id, currency })),
  ];
}

/**
 * One order paid to several vendors as ONE entry: `source` (the shopper's wallet, the
 * cash-on-delivery receivable, or the cash a named collector now holds) gives the total, each vendor's pending gets its share, the
 * platform's commission account the sum of the commissions, and logistics revenue the delivery
 * fees the platform carries. `found`: the rows of `accountsQuery(purchaseAccounts(…))`, if the
 * caller read them already.
 */
export async function payVendors(
  { db, now }: Ctx,
  input: {
    ref: string;
    kind: string;
    source: PaymentSource;
    shares: VendorShare[];
    currency: CurrencyCode;
    /** A condition of the entry (see postEntry's `guard`). */
    guard?: EntryGuard;
  },
  also?: (entryId: string) => D1PreparedStatement[],
  found?: AccountRow[],
): Promise<PostEntryResult> {
  const total = input.shares.reduce((s, v) => s + v.amount, 0);
  const commissionTotal = input.shares.reduce((s, v) => s + v.commission, 0);
  const logisticsTotal = input.shares.reduce((s, v) => s + (v.logisticsFee ?? 0), 0);
  positive(total);
  const vendorIds = [...new Set(input.shares.map((s) => s.vendorId))];
  const [source, commission, logistics, ...pendings] = await resolveAccounts(
    db,
    purchaseAccounts(input.source, vendorIds, input.currency),
    now,
    found,
  );
  const pendingOf = new Map(vendorIds.map((id, i) => [id, pendings[i]]));
  const lines: EntryLine[] = [{ account: source, amount: -total, currency: input.currency }];
  for (const share of input.shares) {
    const vendorShare = share.amount - share.commission - (share.logisticsFee ?? 0);
    if (vendorShare > 0) {
      lines.push({ account: pendingOf.get(share.vendorId) as Account, amount: vendorShare, currency: input.currency });
    }
  }
  if (commissionTotal > 0) lines.push({ account: commission, amount: commissionTotal, currency: input.currency });
  if (logisticsTotal > 0) lines.push({ account: logistics, amount: logisticsTotal, currency: input.currency });
  return postEntry(db, { externalRef: input.ref, kind: input.kind, now, lines, also, guard: input.guard });
}

/** The exact opposite of the entry posted under `originalRef`, posted once under `ref`. */
export async function reverseEntry(
  { db, now }: Ctx,
  input: { ref: string; kind: string; originalRef: string },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult | null> {
  const results = await orm(db)
    .select({
      amount: journalLines.amount,
      currency: journalLines.currency,
      id: accounts.id,
      kind: accounts.kind,
      ownerId: accounts.ownerId,
    })
    .from(journalEntries)
    .innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id))
    .innerJoin(accounts, eq(accounts.id, journalLines.accountId))
    .where(eq(journalEntries.externalRef, input.originalRef))
    .orderBy(asc(journalLines.lineNo));
  if (results.length === 0) return null;
  return postEntry(db, {
    externalRef: input.ref,
    kind: input.kind,
    now,
    also,
    lines: results.map((r) => ({
      account: { id: r.id, kind: r.kind, ownerId: r.ownerId, currency: r.currency },
      amount: -r.amount,
      currency: r.currency,
    })),
  });
}

/**
 * One amount from one account to another as one entry: the shape of a top-up, a release and a
 * payout. Both accounts are found in one read (created only on first use).
 */
async function transfer(
  { db, now }: Ctx,
  input: { ref: string; kind: string; from: AccountSpec; to: AccountSpec; amount: number; guard?: EntryGuard },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult> {
  positive(input.amount);
  const [from, to] = await resolveAccounts(db, [input.from, input.to], now);
  return postEntry(db, {
    externalRef: input.ref,
    kind: input.kind,
    now,
    also,
    guard: input.guard,
    lines: [
      { account: from, amount: -input.amount, currency: from.currency },
      { account: to, amount: input.amount, currency: to.currency },
    ],
  });
}

/** A provider confirmed money in: the provider owes us, the shopper's wallet goes up. */
export function creditTopUp(
  ctx: Ctx,
  input: { ref: string; userId: string; provider: string; amount: number; currency: CurrencyCode },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult> {
  const { currency } = input;
  const from: AccountSpec = { kind: 'provider_clearing', ownerId: input.provider, currency };
  const to: AccountSpec = { kind: 'shopper_wallet', ownerId: input.userId, currency };
  return transfer(ctx, { ref: input.ref, kind: 'topup', from, to, amount: input.amount }, also);
}

/** Delivery confirmed and the return window closed: the vendor's share becomes payable. */
export function releaseToPayable(
  ctx: Ctx,
  input: { ref: string; vendorId: string; amount: number; currency: CurrencyCode; guard?: EntryGuard },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult> {
  const { currency, vendorId } = input;
  const from: AccountSpec = { kind: 'vendor_pending', ownerId: vendorId, currency };
  const to: AccountSpec = { kind: 'vendor_payable', ownerId: vendorId, currency };
  return transfer(ctx, { ref: input.ref, kind: 'release', from, to, amount: input.amount, guard: input.guard }, also);
}

/** A payout to the vendor's mobile money: payable goes down, the provider's clearing account settles. */
export function payOut(
  ctx: Ctx,
  input: { ref: string; vendorId: string; provider: string; amount: number; currency: CurrencyCode },
  also?: (entryId: string) => D1PreparedStatement[],
): Promise<PostEntryResult> {
  const { currency } = input;
  const from: AccountSpec = { kind: 'vendor_payable', ownerId: input.vendorId, currency };
  const to: AccountSpec = { kind: 'provider_clearing', ownerId: input.provider, currency };
  return transfer(ctx, { ref: input.ref, kind: 'payout', from, to, amount: input.amount }, also);
}
