import type { VendorRole } from '@linked-all/auth';
import { bound, insertWhere, statement } from '@linked-all/db';
import { auditStatement, type EventDefinition, VendorApproved, VendorClosed, VendorSuspended } from '@linked-all/events';
import { AppError, keyset, newId, uuidv7 } from '@linked-all/http';
import { and, asc, eq, inArray, ne, notExists, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AdminVendorsQuery, ApplyVendorBody, StaffMember, VendorView } from '../../contract';
import { orm } from '../db/orm';
import { outbox, users, vendorStaff, vendors } from '../db/schema';
import type { IdentityContext } from './context';

type VendorRow = typeof vendors.$inferSelect;

function vendorView(row: VendorRow): VendorView {
  return {
    id: row.id,
    businessName: row.businessName,
    country: row.country,
    currency: row.currency,
    payoutPhone: row.payoutPhone,
    status: row.status,
    statusReason: row.statusReason,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
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
  condition: SQL,
): D1PreparedStatement {
  const event = definition.envelope.parse({
    id: uuidv7(ctx.now),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date(ctx.now).toISOString(),
    traceparent: ctx.traceparent,
    data,
  });
  return statement(
    ctx.db,
    insertWhere(ctx.db, outbox, { id: event.id, type: event.type, body: JSON.stringify(event), createdAt: ctx.now }, condition),
  );
}

/** The guard of a status change's event and audit row: the vendor is in `status` as of this write. */
function movedTo(id: string, status: VendorRow['status'], now: number) {
  return { sql: 'EXISTS (SELECT 1 FROM vendors WHERE id = ? AND status = ? AND updated_at = ?)', args: [id, status, now] };
}

/** A shop as stored (other services ask its status and payout phone over RPC); null when unknown. */
export async function vendorById(db: D1Database, id: string): Promise<VendorRow | null> {
  return (await orm(db).select().from(vendors).where(eq(vendors.id, id)).get()) ?? null;
}

/** The shop a user works for, and their role in it; null when they work for none. */
export async function myVendor(db: D1Database, userId: string): Promise<(VendorView & { myRole: VendorRole }) | null> {
  const row = await orm(db)
    .select({ vendor: vendors, myRole: vendorStaff.role })
    .from(vendorStaff)
    .innerJoin(vendors, eq(vendors.id, vendorStaff.vendorId))
    .where(eq(vendorStaff.userId, userId))
    .get();
  return row ? { ...vendorView(row.vendor), myRole: row.myRole } : null;
}

/** A shopper applies to sell: a pending vendor owned by them. One shop per person. */
export async function applyVendor(ctx: IdentityContext, userId: string, input: ApplyVendorBody): Promise<VendorView> {
  const id = newId('vnd', ctx.now);
  try {
    const o = orm(ctx.db);
    await ctx.db.batch([
      statement(
        ctx.db,
        o.insert(vendors).values({
          id,
          businessName: input.businessName,
          country: input.country,
          currency: input.currency,
          payoutPhone: input.payoutPhone,
          status: 'pending',
          statusReason: null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }),
      ),
      statement(ctx.db, o.insert(vendorStaff).values({ vendorId: id, userId, role: 'owner', createdAt: ctx.now })),
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
  const rows = await orm(db)
    .select({
      userId: vendorStaff.userId,
      role: vendorStaff.role,
      createdAt: vendorStaff.createdAt,
      name: users.name,
      phone: users.phone,
    })
    .from(vendorStaff)
    .innerJoin(users, eq(users.id, vendorStaff.userId))
    .where(eq(vendorStaff.vendorId, vendorId))
    .orderBy(asc(vendorStaff.createdAt), asc(vendorStaff.userId))
    .all();
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    phone: r.phone,
    role: r.role,
    addedAt: new Date(r.createdAt).toISOString(),
  }));
}

/** Removes a staff member of the caller's own shop; anyone else's staff is a 404. */
export async function removeStaff(ctx: IdentityContext, ownerId: string, userId: string): Promise<void> {
  const vendor = await requireOwnedVendor(ctx.db, ownerId);
  const o = orm(ctx.db);
  const [removed] = await ctx.db.batch([
    statement(
      ctx.db,
      o
        .delete(vendorStaff)
        .where(and(eq(vendorStaff.vendorId, vendor.id), eq(vendorStaff.userId, userId), ne(vendorStaff.role, 'owner'))),
    ),
    // A shopper again only once no shop holds them (the delete above is in the same batch).
    statement(
      ctx.db,
      o
        .update(users)
        .set({ role: 'shopper', vendorId: null, updatedAt: ctx.now })
        .where(
          and(
            eq(users.id, userId),
            eq(users.vendorId, vendor.id),
            notExists(o.select({ one: sql`1` }).from(vendorStaff).where(eq(vendorStaff.userId, userId))),
          ),
        ),
    ),
  ]);
  if (removed.meta.changes === 0) throw new AppError('not_found', `Your shop has no staff member ${userId}`);
}

/** Oldest first, so an admin works through applications in the order they came. */
export async function listVendors(db: D1Database, query: AdminVendorsQuery) {
  const after = keyset.after(query.cursor, 'created_at', 'id', 'asc');
  const results = await orm(db)
    .select()
    .from(vendors)
    .where(and(query.status ? eq(vendors.status, query.status) : undefined, after ? bound(after) : undefined))
    .orderBy(asc(vendors.createdAt), asc(vendors.id))
    .limit(query.limit + 1)
    .all();
  const { page, nextCursor } = keyset.page(results, query.limit, (v) => ({ k: v.createdAt, id: v.id }));
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
  const o = orm(ctx.db);
  const approved = movedTo(id, 'approved', ctx.now);
  const [changed] = await ctx.db.batch([
    statement(
      ctx.db,
      o
        .update(vendors)
        .set({ status: 'approved', statusReason: null, updatedAt: ctx.now })
        .where(and(eq(vendors.id, id), eq(vendors.status, vendor.status))),
    ),
    // Owner and staff become vendor users only if the approval above took.
    statement(
      ctx.db,
      o
        .update(users)
        .set({ role: 'vendor', vendorId: id, updatedAt: ctx.now })
        .where(
          and(
            inArray(users.id, o.select({ userId: vendorStaff.userId }).from(vendorStaff).where(eq(vendorStaff.vendorId, id))),
            ne(users.role, 'admin'),
            sql`(SELECT ${vendors.status} FROM ${vendors} WHERE ${vendors.id} = ${id}) = 'approved'`,
          ),
        ),
    ),
    outboxIfStatement(
      ctx,
      VendorApproved,
      { vendorId: id, name: vendor.businessName, country: vendor.country, currency: vendor.currency },
      bound(approved),
    ),
    auditStatement(
      ctx.db,
      { actor, action: 'vendor.approve', target: id, detail: { from: vendor.status } },
      { now: ctx.now, when: approved },
    ),
  ]);
  if (changed.meta.changes === 0) throw new AppError('conflict', 'The vendor changed meanwhile; reload and try again');
  return vendorView({ ...vendor, status: 'approved', statusReason: null, updatedAt: ctx.now });
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
  const moved = movedTo(id, move.to, ctx.now);
  const [changed] = await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db)
        .update(vendors)
        .set({ status: move.to, statusReason: move.reason, updatedAt: ctx.now })
        .where(and(eq(vendors.id, id), eq(vendors.status, move.from))),
    ),
    outboxIfStatement(ctx, event, { vendorId: id, reason: move.reason }, bound(moved)),
    auditStatement(
      ctx.db,
      { actor: move.actor, action: move.to === 'suspended' ? 'vendor.suspend' : 'vendor.close', target: id, reason: move.reason },
      { now: ctx.now, when: moved },
    ),
  ]);
  if (changed.meta.changes === 0) throw new AppError('conflict', 'The vendor changed meanwhile; reload and try again');
  return vendorView({ ...vendor, status: move.to, statusReason: move.reason, updatedAt: ctx.now });
}

/** approved → suspended, with a reason; the catalog hides the shop and refuses its writes on vendor.suspended. */
export function suspendVendor(ctx: IdentityContext, id: string, reason: string, actor: string): Promise<VendorView> {
  return moveVendor(ctx, id, { from: 'approved', to: 'suspended', reason, actor }, VendorSuspended);
}

/** suspended → closed, for good: a closed vendor cannot be approved again; the catalog keeps the shop hidden. */
export function closeVendor(ctx: IdentityContext, id: string, reason: string, actor: string): Promise<VendorView> {
  return moveVendor(ctx, id, { from: 'suspended', to: 'closed', reason, actor }, VendorClosed);
}
