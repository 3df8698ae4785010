import { bound, insertWhere, statement } from '@linked-all/db';
import { PayoutCompleted, PayoutFailed, PayoutRequested } from '@linked-all/events';
import { AppError, keyset, newId, uuidv7 } from '@linked-all/http';
import { type CurrencyCode, formatMoney } from '@linked-all/money';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { posted } from '../checkout/state';
import { orm } from '../db/orm';
import { outbox, payouts } from '../db/schema';
import { ensureAccount } from '../domain/accounts';
import { balanceOf } from '../domain/balances';
import { payOut, reverseEntry } from '../domain/operations';
import { outboxWhenPosted } from '../domain/outbox';
import { type B2CResult, resultParameter, type SubmitResult } from './b2c';
import type { PayoutStatus } from './payout-status';

// M-Pesa B2C pays Kenyan numbers in whole shillings; other rails plug in here when they exist.
const PAYOUT_RAILS: Partial<Record<CurrencyCode, { provider: string; phone: RegExp; step: number }>> = {
  KES: { provider: 'mpesa', phone: /^\+254[17]\d{8}$/, step: 100 },
};

export type { PayoutStatus } from './payout-status';

export type Payout = {
  id: string;
  vendorId: string;
  amount: number;
  currency: CurrencyCode;
  phone: string;
  provider: string;
  status: PayoutStatus;
  callbackToken: string;
  conversationId: string | null;
  providerReceipt: string | null;
  failureReason: string | null;
  createdAt: number;
};

const COLUMNS = {
  id: payouts.id,
  vendorId: payouts.vendorId,
  amount: payouts.amount,
  currency: payouts.currency,
  phone: payouts.phone,
  provider: payouts.provider,
  status: payouts.status,
  callbackToken: payouts.callbackToken,
  conversationId: payouts.conversationId,
  providerReceipt: payouts.providerReceipt,
  failureReason: payouts.failureReason,
  createdAt: payouts.createdAt,
} satisfies Record<keyof Payout, unknown>;

type Ctx = { db: D1Database; now?: number };

export async function findPayout(db: D1Database, id: string): Promise<Payout | null> {
  return (await orm(db).select(COLUMNS).from(payouts).where(eq(payouts.id, id)).get()) ?? null;
}

export async function payoutByToken(db: D1Database, token: string): Promise<Payout | null> {
  return (await orm(db).select(COLUMNS).from(payouts).where(eq(payouts.callbackToken, token)).get()) ?? null;
}

function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Takes `amount` out of the vendor's payable balance into the provider's clearing account and
 * records the payout, in one entry (`payout:<id>`). The balance check sits inside the entry's
 * insert, so 20 concurrent requests can never pay out more than the balance.
 */
export async function requestPayout(
  { db, now = Date.now() }: Ctx,
  input: { vendorId: string; amount: number; currency: CurrencyCode; phone?: string },
): Promise<Payout> {
  const rail = PAYOUT_RAILS[input.currency];
  if (!rail) {
    throw new AppError('validation_failed', `Payouts in ${input.currency} are not available yet; M-Pesa pays out KES`, {
      errors: [{ path: 'currency', message: 'No payout rail for this currency' }],
    });
  }
  if (input.amount % rail.step !== 0) {
    throw new AppError('validation_failed', 'M-Pesa pays out whole shillings: send a multiple of 100 cents', {
      errors: [{ path: 'amount', message: 'Not a whole number of shillings' }],
    });
  }
  const phone =
    input.phone ??
    (
      await orm(db)
        .select({ phone: payouts.phone })
        .from(payouts)
        .where(eq(payouts.vendorId, input.vendorId))
        .orderBy(desc(payouts.createdAt))
        .get()
    )?.phone;
  if (!phone || !rail.phone.test(phone)) {
    throw new AppError('validation_failed', 'Send the Safaricom number to pay, e.g. +254712345678', {
      errors: [{ path: 'phone', message: phone ? 'Not a Safaricom M-Pesa number' : 'Required for your first payout' }],
    });
  }

  const payout: Payout = {
    id: newId('pyt', now),
    vendorId: input.vendorId,
    amount: input.amount,
    currency: input.currency,
    phone,
    provider: rail.provider,
    status: 'requested',
    callbackToken: randomToken(),
    conversationId: null,
    providerReceipt: null,
    failureReason: null,
    createdAt: now,
  };
  try {
    await payOut(
      { db, now },
      {
        ref: `payout:${payout.id}`,
        vendorId: payout.vendorId,
        provider: payout.provider,
        amount: payout.amount,
        currency: payout.currency,
      },
      (entryId) => [
        payoutRowWhenPosted(db, payout, entryId, now),
        outboxWhenPosted(
          db,
          PayoutRequested,
          {
            payoutId: payout.id,
            vendorId: payout.vendorId,
            amount: payout.amount,
            currency: payout.currency,
            provider: payout.provider,
            journalEntryId: entryId,
          },
          entryId,
          now,
        ),
      ],
    );
  } catch (err) {
    if (err instanceof AppError && err.extra.reason === 'insufficient_funds') {
      const payable = await ensureAccount(db, 'vendor_payable', input.vendorId, input.currency, now);
      const available = await balanceOf(db, payable.id);
      throw new AppError(
        'conflict',
        `Your payable balance is ${formatMoney(available, input.currency)}, less than ${formatMoney(input.amount, input.currency)}`,
        { reason: 'insufficient_funds', available },
      );
    }
    throw err;
  }
  return payout;
}

/** The payout's row, written only with the journal entry `entryId` that takes its money (see postEntry's `also`). */
export function payoutRowWhenPosted(db: D1Database, payout: Payout, entryId: string, now: number): D1PreparedStatement {
  return statement(
    db,
    insertWhere(
      db,
      payouts,
      {
        id: payout.id,
        vendorId: payout.vendorId,
        amount: payout.amount,
        currency: payout.currency,
        phone: payout.phone,
        provider: payout.provider,
        status: 'requested',
        callbackToken: payout.callbackToken,
        createdAt: now,
        updatedAt: now,
      },
      posted(entryId),
    ),
  );
}

/** Records what the provider said to the request: submitted (await the result) or refused (money back). */
export async function recordSubmission({ db, now = Date.now() }: Ctx, payout: Payout, result: SubmitResult): Promise<Payout> {
  if (result.status === 'refused') return failPayout({ db, now }, payout, result.reason);
  await orm(db)
    .update(payouts)
    .set({ status: 'submitted', conversationId: result.conversationId, updatedAt: now })
    .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'requested')));
  return (await findPayout(db, payout.id)) ?? payout;
}

/**
 * The provider could not pay: claim the payout (so a late success cannot complete it), then
 * give the amount back to the vendor's payable balance once (`payout-failed:<id>`).
 */
export async function failPayout({ db, now = Date.now() }: Ctx, payout: Payout, reason: string): Promise<Payout> {
  await orm(db)
    .update(payouts)
    .set({ status: 'failing', failureReason: reason.slice(0, 500), updatedAt: now })
    .where(and(eq(payouts.id, payout.id), inArray(payouts.status, ['requested', 'submitted'])));
  const current = await findPayout(db, payout.id);
  if (current?.status !== 'failing') return current ?? payout;
  await reverseEntry(
    { db, now },
    { ref: `payout-failed:${payout.id}`, kind: 'payout_reversal', originalRef: `payout:${payout.id}` },
    (entryId) => [
      statement(
        db,
        orm(db)
          .update(payouts)
          .set({ status: 'failed', updatedAt: now })
          .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'failing'), posted(entryId))),
      ),
      outboxWhenPosted(
        db,
        PayoutFailed,
        {
          payoutId: payout.id,
          vendorId: payout.vendorId,
          amount: payout.amount,
          currency: payout.currency,
          provider: payout.provider,
          reason: current.failureReason ?? reason,
          journalEntryId: entryId,
        },
        entryId,
        now,
      ),
    ],
  );
  return (await findPayout(db, payout.id)) ?? payout;
}

/** Marks the payout paid with the provider's receipt; the event is written iff this call completed it. */
async function completePayout({ db, now = Date.now() }: Ctx, payout: Payout, receipt: string): Promise<Payout> {
  const event = PayoutCompleted.envelope.parse({
    id: uuidv7(now),
    type: PayoutCompleted.type,
    version: PayoutCompleted.version,
    occurredAt: new Date(now).toISOString(),
    data: {
      payoutId: payout.id,
      vendorId: payout.vendorId,
      amount: payout.amount,
      currency: payout.currency,
      provider: payout.provider,
      receipt,
    },
  });
  const d = orm(db);
  await d.batch([
    d
      .update(payouts)
      .set({ status: 'completed', providerReceipt: receipt, completedEventId: event.id, updatedAt: now })
      .where(and(eq(payouts.id, payout.id), inArray(payouts.status, ['requested', 'submitted']))),
    insertWhere(
      db,
      outbox,
      { id: event.id, type: event.type, body: JSON.stringify(event), createdAt: now },
      sql`EXISTS (SELECT 1 FROM ${payouts} WHERE ${payouts.id} = ${payout.id} AND ${payouts.completedEventId} = ${event.id})`,
    ),
  ]);
  return (await findPayout(db, payout.id)) ?? payout;
}

/**
 * The B2C result for a payout (already matched by its URL token). ResultCode 0 completes it;
 * anything else fails it and returns the money. A replayed result changes nothing.
 */
export async function applyB2CResult({ db, now = Date.now() }: Ctx, payout: Payout, result: B2CResult): Promise<Payout> {
  if (result.Result.OriginatorConversationID !== payout.id) {
    throw new AppError('validation_failed', 'The result is for another payout');
  }
  if (result.Result.ResultCode === 0) {
    const receipt = String(resultParameter(result, 'TransactionReceipt') ?? result.Result.TransactionID);
    return completePayout({ db, now }, payout, receipt);
  }
  return failPayout({ db, now }, payout, `${result.Result.ResultCode}: ${result.Result.ResultDesc}`);
}

export const PayoutListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(400).optional() })
  .strict();

/** A vendor's payouts, newest first, a page at a time (keyset on created_at, id). */
export async function listPayouts(db: D1Database, vendorId: string, query: z.infer<typeof PayoutListQuery>) {
  const after = keyset.after(query.cursor, 'created_at');
  const results = await orm(db)
    .select(COLUMNS)
    .from(payouts)
    .where(and(eq(payouts.vendorId, vendorId), after ? bound(after) : undefined))
    .orderBy(desc(payouts.createdAt), desc(payouts.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keyset.page(results, query.limit, (p) => ({ k: p.createdAt, id: p.id }));
  return { items: page.map(payoutView), nextCursor };
}

/** What a vendor sees of a payout: no callback token, the phone masked but recognisable. */
export function payoutView(p: Payout) {
  return {
    id: p.id,
    amount: p.amount,
    currency: p.currency,
    phone: `${p.phone.slice(0, 7)}***${p.phone.slice(-3)}`,
    provider: p.provider,
    status: p.status === 'failing' ? ('failed' as const) : p.status,
    receipt: p.providerReceipt,
    failureReason: p.failureReason,
    createdAt: new Date(p.createdAt).toISOString(),
  };
}
