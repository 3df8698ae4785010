import { env } from 'cloudflare:test';
import { AppError, newId } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { ensureAccount } from '../src/domain/accounts';
import { balanceOf, trialBalance } from '../src/domain/balances';
import { creditTopUp, payFromWallet } from '../src/domain/operations';
import { postEntry } from '../src/domain/post-entry';

const db = () => env.DB;

async function lineCount(entryId: string) {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM journal_lines WHERE entry_id = ?')
    .bind(entryId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('postEntry', () => {
  it('writes a balanced entry and its lines, and balances are the sum of the lines', async () => {
    const user = newId('usr');
    const { entry, created } = await creditTopUp(
      { db: db() },
      { ref: `topup:${newId('top')}`, userId: user, provider: 'paystack', amount: 5000, currency: 'NGN' },
    );
    expect(created).toBe(true);
    expect(await lineCount(entry.id)).toBe(2);
    const wallet = await ensureAccount(db(), 'shopper_wallet', user, 'NGN');
    expect(await balanceOf(db(), wallet.id)).toBe(5000);
  });

  it('writes nothing on a retry with the same external ref and returns the first entry', async () => {
    const user = newId('usr');
    const ref = `topup:${newId('top')}`;
    const input = { ref, userId: user, provider: 'paystack', amount: 700, currency: 'KES' as const };
    const first = await creditTopUp({ db: db() }, input);
    const again = await Promise.all([1, 2, 3, 4, 5].map(() => creditTopUp({ db: db() }, input)));
    for (const r of again) {
      expect(r.created).toBe(false);
      expect(r.entry).toEqual(first.entry);
    }
    const entries = await env.DB.prepare('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?')
      .bind(ref)
      .first<{ n: number }>();
    expect(entries?.n).toBe(1);
    expect(await lineCount(first.entry.id)).toBe(2);
    const wallet = await ensureAccount(db(), 'shopper_wallet', user, 'KES');
    expect(await balanceOf(db(), wallet.id)).toBe(700);
  });

  it('rejects unbalanced, fractional, zero, single-line and mixed-currency-account entries before writing', async () => {
    const a = await ensureAccount(db(), 'shopper_wallet', newId('usr'), 'KES');
    const b = await ensureAccount(db(), 'provider_clearing', 'mpesa', 'KES');
    const n = await ensureAccount(db(), 'provider_clearing', 'paystack', 'NGN');
    const cases = [
      [
        { account: a, amount: 100, currency: 'KES' as const },
        { account: b, amount: -99, currency: 'KES' as const },
      ],
      [
        { account: a, amount: 10.5, currency: 'KES' as const },
        { account: b, amount: -10.5, currency: 'KES' as const },
      ],
      [
        { account: a, amount: 0, currency: 'KES' as const },
        { account: b, amount: 0, currency: 'KES' as const },
      ],
      [{ account: a, amount: 1, currency: 'KES' as const }],
      // Each currency sums to zero, but a line's currency differs from its account's.
      [
        { account: a, amount: 100, currency: 'NGN' as const },
        { account: n, amount: -100, currency: 'NGN' as const },
      ],
    ];
    for (const [i, lines] of cases.entries()) {
      const ref = `bad:${newId('x')}:${i}`;
      await expect(postEntry(db(), { externalRef: ref, kind: 'test', lines })).rejects.toBeInstanceOf(AppError);
      const row = await env.DB.prepare('SELECT count(*) AS n FROM journal_entries WHERE external_ref = ?')
        .bind(ref)
        .first<{ n: number }>();
      expect(row?.n).toBe(0);
    }
  });

  it('refuses a wallet debit that would go below zero with 409 insufficient_funds and writes nothing', async () => {
    const user = newId('usr');
    await creditTopUp(
      { db: db() },
      { ref: `topup:${newId('t')}`, userId: user, provider: 'mpesa', amount: 100, currency: 'KES' },
    );
    const ref = `purchase:${newId('ord')}`;
    const error = await payFromWallet(
      { db: db() },
      { ref, userId: user, vendorId: newId('vnd'), amount: 101, commission: 10, currency: 'KES' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', status: 409, extra: { reason: 'insufficient_funds' } });
    expect(await db().prepare('SELECT 1 FROM journal_entries WHERE external_ref = ?').bind(ref).first()).toBeNull();
  });

  it('lets exactly 5 of 20 concurrent debits through a balance that allows 5, never going negative', async () => {
    const user = newId('usr');
    const vendor = newId('vnd');
    await creditTopUp(
      { db: db() },
      { ref: `topup:${newId('t')}`, userId: user, provider: 'mpesa', amount: 5000, currency: 'KES' },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        payFromWallet(
          { db: db() },
          {
            ref: `purchase:${newId('ord')}:${i}`,
            userId: user,
            vendorId: vendor,
            amount: 1000,
            commission: 100,
            currency: 'KES',
          },
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'conflict', extra: { reason: 'insufficient_funds' } });
    const wallet = await ensureAccount(db(), 'shopper_wallet', user, 'KES');
    expect(await balanceOf(db(), wallet.id)).toBe(0);
    const pending = await ensureAccount(db(), 'vendor_pending', vendor, 'KES');
    expect(await balanceOf(db(), pending.id)).toBe(4500);
    expect((await trialBalance(db())).balanced).toBe(true);
  });

  it('keeps lines impossible to duplicate even when the database is asked directly', async () => {
    const { entry } = await creditTopUp(
      { db: db() },
      { ref: `topup:${newId('t')}`, userId: newId('usr'), provider: 'mpesa', amount: 10, currency: 'KES' },
    );
    const line = await env.DB.prepare('SELECT * FROM journal_lines WHERE entry_id = ? AND line_no = 0')
      .bind(entry.id)
      .first<Record<string, unknown>>();
    await expect(
      env.DB.prepare('INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 0, ?, ?, ?)')
        .bind(entry.id, line?.account_id, line?.amount, line?.currency)
        .run(),
    ).rejects.toThrow(/UNIQUE|PRIMARY/);
  });
});
