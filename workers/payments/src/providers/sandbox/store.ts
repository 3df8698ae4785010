import type { ProviderName } from '../../../contract/enums';

/** Development/test only: a fake provider's record of one charge (table sandbox_charges). */
export type SandboxStatus = 'pending' | 'timeout' | 'paid' | 'failed' | 'cancelled';

export type SandboxRow = {
  provider: ProviderName;
  providerReference: string;
  transactionId: string | null;
  /** As the merchant sent it, in the provider's own format. */
  amount: string;
  currency: string;
  phone: string | null;
  callbackUrl: string | null;
  status: SandboxStatus;
  /** The merchant's request body (plus ids the provider generated), for building callbacks. */
  request: Record<string, unknown>;
  createdAt: number;
};

type Row = Omit<SandboxRow, 'request'> & { request: string };

const COLUMNS = `provider, provider_reference AS providerReference, transaction_id AS transactionId, amount, currency, phone,
  callback_url AS callbackUrl, status, request, created_at AS createdAt`;

const hydrate = (row: Row | null): SandboxRow | null => (row ? { ...row, request: JSON.parse(row.request) } : null);

/** Records a charge the way the provider would; false if the reference was already used. */
export async function insertSandboxCharge(db: D1Database, row: Omit<SandboxRow, 'status' | 'createdAt'>, now = Date.now()) {
  const result = await db
    .prepare(
      `INSERT INTO sandbox_charges (provider, provider_reference, transaction_id, amount, currency, phone, callback_url, status, request, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (provider, provider_reference) DO NOTHING`,
    )
    .bind(
      row.provider,
      row.providerReference,
      row.transactionId,
      row.amount,
      row.currency,
      row.phone,
      row.callbackUrl,
      JSON.stringify(row.request),
      now,
      now,
    )
    .run();
  return result.meta.changes === 1;
}

export async function sandboxCharge(db: D1Database, provider: ProviderName, providerReference: string) {
  return hydrate(
    await db
      .prepare(`SELECT ${COLUMNS} FROM sandbox_charges WHERE provider = ? AND provider_reference = ?`)
      .bind(provider, providerReference)
      .first<Row>(),
  );
}

export async function sandboxChargeByTransaction(db: D1Database, provider: ProviderName, transactionId: string) {
  return hydrate(
    await db
      .prepare(`SELECT ${COLUMNS} FROM sandbox_charges WHERE provider = ? AND transaction_id = ?`)
      .bind(provider, transactionId)
      .first<Row>(),
  );
}

/** Moves a charge on from pending/timeout only: a settled charge at a provider never changes again. */
export async function settleSandboxCharge(
  db: D1Database,
  row: SandboxRow,
  status: SandboxStatus,
  transactionId: string | null,
  now = Date.now(),
): Promise<SandboxRow | null> {
  const result = await db
    .prepare(
      `UPDATE sandbox_charges SET status = ?, transaction_id = coalesce(?, transaction_id), updated_at = ?
       WHERE provider = ? AND provider_reference = ? AND status IN ('pending', 'timeout')`,
    )
    .bind(status, transactionId, now, row.provider, row.providerReference)
    .run();
  return result.meta.changes === 1 ? { ...row, status, transactionId: transactionId ?? row.transactionId } : null;
}
