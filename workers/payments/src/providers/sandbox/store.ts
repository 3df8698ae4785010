import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ProviderName } from '../../../contract/enums';
import { orm } from '../../db/orm';
import { sandboxCharges } from '../../db/schema';
import type { SandboxStatus } from './sandbox-status';

export type { SandboxStatus } from './sandbox-status';

/** Development/test only: a fake provider's record of one charge (table sandbox_charges). */
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

const COLUMNS = {
  provider: sandboxCharges.provider,
  providerReference: sandboxCharges.providerReference,
  transactionId: sandboxCharges.transactionId,
  amount: sandboxCharges.amount,
  currency: sandboxCharges.currency,
  phone: sandboxCharges.phone,
  callbackUrl: sandboxCharges.callbackUrl,
  status: sandboxCharges.status,
  request: sandboxCharges.request,
  createdAt: sandboxCharges.createdAt,
} satisfies Record<keyof SandboxRow, unknown>;

type Row = Omit<SandboxRow, 'request'> & { request: string };

const hydrate = (row: Row | undefined): SandboxRow | null => (row ? { ...row, request: JSON.parse(row.request) } : null);

/** Records a charge the way the provider would; false if the reference was already used. */
export async function insertSandboxCharge(db: D1Database, row: Omit<SandboxRow, 'status' | 'createdAt'>, now = Date.now()) {
  const result = await orm(db)
    .insert(sandboxCharges)
    .values({
      provider: row.provider,
      providerReference: row.providerReference,
      transactionId: row.transactionId,
      amount: row.amount,
      currency: row.currency,
      phone: row.phone,
      callbackUrl: row.callbackUrl,
      status: 'pending',
      request: JSON.stringify(row.request),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [sandboxCharges.provider, sandboxCharges.providerReference] });
  return result.meta.changes === 1;
}

export async function sandboxCharge(db: D1Database, provider: ProviderName, providerReference: string) {
  return hydrate(
    await orm(db)
      .select(COLUMNS)
      .from(sandboxCharges)
      .where(and(eq(sandboxCharges.provider, provider), eq(sandboxCharges.providerReference, providerReference)))
      .get(),
  );
}

export async function sandboxChargeByTransaction(db: D1Database, provider: ProviderName, transactionId: string) {
  return hydrate(
    await orm(db)
      .select(COLUMNS)
      .from(sandboxCharges)
      .where(and(eq(sandboxCharges.provider, provider), eq(sandboxCharges.transactionId, transactionId)))
      .get(),
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
  const result = await orm(db)
    .update(sandboxCharges)
    .set({ status, transactionId: sql`coalesce(${transactionId}, ${sandboxCharges.transactionId})`, updatedAt: now })
    .where(
      and(
        eq(sandboxCharges.provider, row.provider),
        eq(sandboxCharges.providerReference, row.providerReference),
        inArray(sandboxCharges.status, ['pending', 'timeout']),
      ),
    );
  return result.meta.changes === 1 ? { ...row, status, transactionId: transactionId ?? row.transactionId } : null;
}
