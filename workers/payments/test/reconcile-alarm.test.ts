import { env } from 'cloudflare:test';
import { newId } from '@linked-all/http';
import { describe, expect, it, vi } from 'vitest';
import { ensureAccount } from '../src/domain/accounts';
import { reconcile } from '../src/domain/reconcile';

// Its own file: the unbalanced row it writes would break every other test's trial balance.
describe('the trial-balance alarm', () => {
  it('logs at error level and writes a metric when the ledger does not net to zero', async () => {
    const errors = vi.spyOn(console, 'error');
    const metric = vi.spyOn(env.METRICS, 'writeDataPoint');
    expect((await reconcile(env)).balanced).toBe(true);
    expect(metric).not.toHaveBeenCalled();

    // A line written straight into D1, bypassing postEntry's zero-sum check.
    const wallet = await ensureAccount(env.DB, 'shopper_wallet', newId('usr'), 'KES');
    const entryId = newId('jre');
    await env.DB.batch([
      env.DB.prepare("INSERT INTO journal_entries (id, external_ref, kind, created_at) VALUES (?, ?, 'topup', ?)").bind(
        entryId,
        `forged:${entryId}`,
        Date.now(),
      ),
      env.DB.prepare(
        "INSERT INTO journal_lines (entry_id, line_no, account_id, amount, currency) VALUES (?, 0, ?, 999, 'KES')",
      ).bind(entryId, wallet.id),
    ]);

    expect((await reconcile(env)).balanced).toBe(false);
    const logged = errors.mock.calls
      .map((c) => JSON.parse(String(c[0])))
      .find((l) => l.message === 'ledger trial balance is not zero');
    expect(logged).toMatchObject({ level: 'error', currencies: [{ currency: 'KES', total: 999 }], unbalancedEntries: [entryId] });
    expect(metric).toHaveBeenCalledWith({
      indexes: ['ledger_unbalanced'],
      blobs: ['ledger_unbalanced', 'KES:999', entryId],
      doubles: [1, 1],
    });
  });
});
