import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { newId } from '@linked-all/http';
import { caller, problem } from '@linked-all/testing';

/** Calls the worker under test over HTTP, as the gateway would. */
export const call = caller((request) => exports.default.fetch(request), 'https://payments.internal');

export { problem };

/** A fresh user id and a shopper token for it. */
export async function shopper() {
  const userId = newId('usr');
  return { userId, token: await mintDevToken({ userId, role: 'shopper' }) };
}

export async function adminToken() {
  return mintDevToken({ userId: newId('usr'), role: 'admin' });
}

/** Sum of one account kind's lines for an owner, straight from the ledger. */
export async function ledgerBalance(kind: string, ownerId: string | null, currency: string): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(l.amount), 0) AS b FROM accounts a LEFT JOIN journal_lines l ON l.account_id = a.id
     WHERE a.kind = ? AND coalesce(a.owner_id, '') = ? AND a.currency = ?`,
  )
    .bind(kind, ownerId ?? '', currency)
    .first<{ b: number }>();
  return row?.b ?? 0;
}
