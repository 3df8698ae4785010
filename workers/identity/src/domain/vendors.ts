import type { VendorRole } from '@linked-all/auth';
import { auditStatement, type EventDefinition, VendorApproved, VendorClosed, VendorSuspended } from '@linked-all/events';
import { AppError, keyset, newId, uuidv7 } from '@linked-all/http';
import type { z } from 'zod';
import type { AdminVendorsQuery, ApplyVendorBody, StaffMember, VendorView } from '../../contract';
import type { IdentityContext } from './context';

type VendorRow = {
  id: string;
  business_name: string;
  country: VendorView['country'];
  currency: VendorView['currency'];
  payout_phone: string;
  status: VendorView['status'];
  status_reason: string | null;
  created_at: number;
  updated_at: number;
};

function vendorView(row: VendorRow): VendorView {
  return {
    id: row.id,
    businessName: row.business_name,
    country: row.country,
    currency: row.currency,
    payoutPhone: row.payout_phone,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Like `outboxStatement`, but the row is written only when `condition` holds
 * inside the batch: a guarded status change that lost a race writes no event.
 */
function outboxIfStatement<D extends EventDefinition>(
  ctx: IdentityContext,
  definition: D,
  data: z.input<D['data']>,
  condition: string,
  params: unknown[],
): D1PreparedStatement {
  const event = definition.envelope.parse({
    id: uuidv7(ctx.now),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date(ctx.now).toISOString(),
    traceparent: ctx.traceparent,
    data,
  });
  return ctx.db
    .prepare(`INSERT INTO outbox (id, type, body, created_at) SELECT ?, ?, ?, ? WHERE ${condition}`)
    .bind(event.id, event.type, JSON.stringify(event), ctx.now, ...params);
}

async function vendorById(db: D1Database, id: string): Promise<VendorRow | null> {
  return db.prepare('SELECT * FROM vendors WHERE id = ?').bind(id).first<VendorRow>();
}

/** The shop a user works for, and their role in it; null when they work for none. */
export async function myVendor(db: D1Database, userId: string): Promise<(VendorView & { myRole: VendorRole }) | null> {
  const row = await db
    .prepare('SELECT v.*, s.role AS my_role FROM vendor_staff s JOIN vendors v ON v.id = s.vendor_id WHERE s.user_id = ?')
    .bind(userId)
    .first<VendorRow & { my_role: VendorRole }>();
  return row ? { ...vendorView(row), myRole: row.my_role } : null;
}

/** A shopper applies to sell: a pending vendor owned by them. One shop per person. */
export async function applyVendor(ctx: IdentityContext, userId: string, input: ApplyVendorBody): Promise<VendorView> {
  const id = newId('vnd', ctx.now);
  try {
    await ctx.db.batch([
      ctx.db
        .prepare(
          `INSERT INTO vendors (id, business_name, country, currency, payout_phone, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .bind(id, input.businessName, input.country, input.currency, input.payoutPhone, ctx.now, ctx.now),
      ctx.db
        .prepare("INSERT INTO vendor_staff (vendor_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)")
        .bind(id, userId, ctx.now),
    ]);
  } catch (err) {
    if (/UNIQUE constraint failed/i.test(String(err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : err))) {
      throw new AppError('conflict', 'You already own or work for a shop');
    }
    throw err;
  }
  const row = await vendorById(ctx.db, id);
  if (!row) throw new Error(`vendor ${id} vanished after insert`);
  return vendorView(row);
}

async function requireOwnedVendor(db: D1Database, userId: string) {
  const vendor = await myVendor(db, userId);
  if (!vendor) throw new AppError('not_found', 'You have no shop');
  if (vendor.myRole !== 'owner') throw new AppError('forbidden', "Only the shop's owner manages its staff");
  return vendor;
}

export async function listStaff(db: D1Database, vendorId: string): Promise<StaffMember[]> {
  const { results } = await db
    .prepare(
      `SELECT s.user_id, s.role, s.created_at, u.name, u.phone FROM vendor_staff s JOIN users u ON u.id = s.user_id
       WHERE s.vendor_id = ? ORDER BY s.created_at, s.user_id`,
    )
    .bind(vendorId)
    .all<{ user_id: string; role: VendorRole; created_at: number; name: string; phone: string }>();
  return results.map((r) => ({
    userId: r.user_id,
    name: r.name,
    phone: r.phone,
    role: r.role,
    addedAt: new Date(r.created_at).toISOString(),
  }));
}

/** Removes a staff member of the caller's own shop; anyone else's staff is a 404. */
export async function removeStaff(ctx: IdentityContext, ownerId: string, userId: string): Promise<void> {
  const vendor = await requireOwnedVendor(ctx.db, ownerId);
  const [removed] = await ctx.db.batch([
    ctx.db.prepare("DELETE FROM vendor_staff WHERE vendor_id = ? AND user_id = ? AND role <> 'owner'").bind(vendor.id, userId),
    ctx.db
      .prepare(
        `UPDATE users SET role = 'shopper', vendor_id = NULL, updated_at = ?
         WHERE id = ? AND vendor_id = ? AND NOT EXISTS (SELECT 1 FROM vendor_staff WHERE user_id = ?)`,
      )
      .bind(ctx.now, userId, vendor.id, userId),
  ]);
  if (removed.meta.changes === 0) throw new AppError('not_found', `Your shop has no staff member ${userId}`);
}

/** Oldest first, so an admin works through applications in the order they came. */
export async function listVendors(db: D1Database, query: AdminVendorsQuery) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.status) {
    where.push('status = ?');
    params.push(query.status);
  }
  const after = keyset.after(query.cursor, 'created_at', 'id', 'asc');
  if (after) {
    where.push(after.sql);
    params.push(...after.args);
  }
  const { results } = await db
    .prepare(`SELECT * FROM vendors ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT ?`)
    .bind(...params, query.limit + 1)
    .all<VendorRow>();
  const { page, nextCursor } = keyset.page(results, query.limit, (v) => ({ k: v.created_at, id: v.id }));
  return { items: page.map(vendorView), nextCursor };
}

/**
 * pending|suspended → approved. Owner and staff become vendor users; the
 * catalog opens (or reopens) the shop on vendor.approved. Same batch, same fate.
 */
export async function approveVendor(ctx: IdentityContext, id: string, actor: string): Promise<VendorView> {
  const vendor = await vendorById(ctx.db, id);
  if (!vendor) throw new AppError('not_found', `There is no vendor ${id}`);
  if (vendor.status !== 'pending' && vendor.status !== 'suspended') {
    throw new AppError('conflict', `A ${vendor.status} vendor cannot be approved`);
  }
  const [changed] = await ctx.db.batch([
    ctx.db
      .prepare("UPDATE vendors SET status = 'approved', status_reason = NULL, updated_at = ? WHERE id = ? AND status = ?")
      .bind(ctx.now, id, vendor.status),
    ctx.db
      .prepare(
        `UPDATE users SET role = 'vendor', vendor_id = ?1, updated_at = ?2
         WHERE id IN (SELECT user_id FROM vendor_staff WHERE vendor_id = ?1) AND role <> 'admin'
           AND (SELECT status FROM vendors WHERE id = ?1) = 'approved'`,
      )
      .bind(id, ctx.now),
    outboxIfStatement(
      ctx,
      VendorApproved,
      { vendorId: id, name: vendor.business_name, country: vendor.country, currency: vendor.currency },
      "EXISTS (SELECT 1 FROM vendors WHERE id = ? AND status = 'approved' AND updated_at = ?)",
      [id, ctx.now],
    ),
    auditStatement(
      ctx.db,
      { actor, action: 'vendor.approve', target: id, detail: { from: vendor.status } },
      {
        now: ctx.now,
        when: {
          sql: "EXISTS (SELECT 1 FROM vendors WHERE id = ? AND status = 'approved' AND updated_at = ?)",
          args: [id, ctx.now],
        },
      },
    ),
  ]);
  if (changed.meta.changes === 0) throw new AppError('conflict', 'The vendor changed meanwhile; reload and try again');
  return vendorView({ ...vendor, status: 'approved', status_reason: null, updated_at: ctx.now });
}

/**
 * Moves a vendor from one status to the next with a reason, and writes the
 * event in the same batch (only if the move happened: a concurrent change
 * makes this a clean 409 and no event).
 */
async function moveVendor(
  ctx: IdentityContext,
  id: string,
  move: { from: 'approved' | 'suspended'; to: 'suspended' | 'closed'; reason: string; actor: string },
  event: typeof VendorSuspended | typeof VendorClosed,
): Promise<VendorView> {
  const vendor = await vendorById(ctx.db, id);
  if (!vendor) throw new AppError('not_found', `There is no vendor ${id}`);
  if (vendor.status !== move.from) throw new AppError('conflict', `A ${vendor.status} vendor cannot be ${move.to}`);
  const [changed] = await ctx.db.batch([
    ctx.db
      .prepare('UPDATE vendors SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND status = ?')
      .bind(move.to, move.reason, ctx.now, id, move.from),
    outboxIfStatement(
      ctx,
      event,
      { vendorId: id, reason: move.reason },
      'EXISTS (SELECT 1 FROM vendors WHERE id = ? AND status = ? AND updated_at = ?)',
      [id, move.to, ctx.now],
    ),
    auditStatement(
      ctx.db,
      { actor: move.actor, action: move.to === 'suspended' ? 'vendor.suspend' : 'vendor.close', target: id, reason: move.reason },
      {
        now: ctx.now,
        when: {
          sql: 'EXISTS (SELECT 1 FROM vendors WHERE id = ? AND status = ? AND updated_at = ?)',
          args: [id, move.to, ctx.now],
        },
      },
    ),
  ]);
  if (changed.meta.changes === 0) throw new AppError('conflict', 'The vendor changed meanwhile; reload and try again');
  return vendorView({ ...vendor, status: move.to, status_reason: move.reason, updated_at: ctx.now });
}

/** approved → suspended, with a reason; the catalog hides the shop and refuses its writes on vendor.suspended. */
export function suspendVendor(ctx: IdentityContext, id: string, reason: string, actor: string): Promise<VendorView> {
  return moveVendor(ctx, id, { from: 'approved', to: 'suspended', reason, actor }, VendorSuspended);
}

/** suspended → closed, for good: a closed vendor cannot be approved again; the catalog keeps the shop hidden. */
export function closeVendor(ctx: IdentityContext, id: string, reason: string, actor: string): Promise<VendorView> {
  return moveVendor(ctx, id, { from: 'suspended', to: 'closed', reason, actor }, VendorClosed);
}
