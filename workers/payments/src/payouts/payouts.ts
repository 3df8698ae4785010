import { PayoutCompleted, PayoutFailed, PayoutRequested } from '@linked-all/events';
import { AppError, keyset, newId, uuidv7 } from '@linked-all/http';
import { type CurrencyCode, formatMoney } from '@linked-all/money';
import { z } from 'zod';
import { ensureAccount } from '../domain/accounts';
import { balanceOf } from '../domain/balances';
import { payOut, reverseEntry } from '../domain/operations';
import { outboxWhenPosted } from '../domain/outbox';
import { type B2CResult, resultParameter, type SubmitResult } from './b2c';

// M-Pesa B2C pays Kenyan numbers in whole shillings; other rails plug in here when they exist.
const PAYOUT_RAILS: Partial<Record<CurrencyCode, { provider: string; phone: RegExp; step: number }>> = {
  KES: { provider: 'mpesa', phone: /^\+254[17]\d{8}$/, step: 100 },
};

export type PayoutStatus = 'requested' | 'submitted' | 'completed' | 'failing' | 'failed';

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

const COLUMNS = `id, vendor_id AS vendorId, amount, currency, phone, provider, status, callback_token AS callbackToken,
  conversation_id AS conversationId, provider_receipt AS providerReceipt, failure_reason AS failureReason, created_at AS createdAt`;

type Ctx = { db: D1Database; now?: number };

export function findPayout(db: D1Database, id: string): Promise<Payout | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM payouts WHERE id = ?`).bind(id).first<Payout>();
}

export function payoutByToken(db: D1Database, token: string): Promise<Payout | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM payouts WHERE callback_token = ?`).bind(token).first<Payout>();
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
    (await db
      .prepare('SELECT phone FROM payouts WHERE vendor_id = ? ORDER BY created_at DESC LIMIT 1')
      .bind(input.vendorId)
      .first<string>('phone'));
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
        db
          .prepare(
            `INSERT INTO payouts (id, vendor_id, amount, currency, phone, provider, status, callback_token, created_at, updated_at)
             SELECT ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ? WHERE EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)`,
          )
          .bind(
            payout.id,
            payout.vendorId,
            payout.amount,
            payout.currency,
            phone,
            payout.provider,
            payout.callbackToken,
            now,
            now,
            entryId,
          ),
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

/** Records what the provider said to the request: submitted (await the result) or refused (money back). */
export async function recordSubmission({ db, now = Date.now() }: Ctx, payout: Payout, result: SubmitResult): Promise<Payout> {
  if (result.status === 'refused') return failPayout({ db, now }, payout, result.reason);
  await db
    .prepare("UPDATE payouts SET status = 'submitted', conversation_id = ?, updated_at = ? WHERE id = ? AND status = 'requested'")
    .bind(result.conversationId, now, payout.id)
    .run();
  return (await findPayout(db, payout.id)) ?? payout;
}

/**
 * The provider could not pay: claim the payout (so a late success cannot complete it), then
 * give the amount back to the vendor's payable balance once (`payout-failed:<id>`).
 */
export async function failPayout({ db, now = Date.now() }: Ctx, payout: Payout, reason: string): Promise<Payout> {
  await db
    .prepare(
      "UPDATE payouts SET status = 'failing', failure_reason = ?, updated_at = ? WHERE id = ? AND status IN ('requested', 'submitted')",
    )
    .bind(reason.slice(0, 500), now, payout.id)
    .run();
  const current = await findPayout(db, payout.id);
  if (current?.status !== 'failing') return current ?? payout;
  await reverseEntry(
    { db, now },
    { ref: `payout-failed:${payout.id}`, kind: 'payout_reversal', originalRef: `payout:${payout.id}` },
    (entryId) => [
      db
        .prepare(
          "UPDATE payouts SET status = 'failed', updated_at = ? WHERE id = ? AND status = 'failing' AND EXISTS (SELECT 1 FROM journal_entries WHERE id = ?)",
        )
        .bind(now, payout.id, entryId),
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
  await db.batch([
    db
      .prepare(
        `UPDATE payouts SET status = 'completed', provider_receipt = ?, completed_event_id = ?, updated_at = ?
         WHERE id = ? AND status IN ('requested', 'submitted')`,
      )
      .bind(receipt, event.id, now, payout.id),
    db
      .prepare(
        'INSERT INTO outbox (id, type, body, created_at) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM payouts WHERE id = ? AND completed_event_id = ?)',
      )
      .bind(event.id, event.type, JSON.stringify(event), now, payout.id, event.id),
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
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM payouts WHERE vendor_id = ? ${after ? `AND ${after.sql}` : ''}
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(vendorId, ...(after?.args ?? []), query.limit + 1)
    .all<Payout>();
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
