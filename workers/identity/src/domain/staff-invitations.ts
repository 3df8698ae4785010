import type { ShopStaffRole } from '@linked-all/auth';
import { statement } from '@linked-all/db';
import { AppError, newId } from '@linked-all/http';
import { and, asc, desc, eq, exists, gt, inArray, sql } from 'drizzle-orm';
import type { StaffInvitationView } from '../../contract';
import { orm } from '../db/orm';
import { staffInvitations, users, vendorStaff, vendors } from '../db/schema';
import type { IdentityContext } from './context';
import type { SmsSender } from './sms';
import { myVendor } from './vendors';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * The owner of an APPROVED shop invites a phone number. The answer and the stored row are the
 * same whether or not anyone registered the number, and the SMS differs only in its language
 * (which the owner never sees), so an invitation cannot be used to look people up; nothing changes
 * for the invitee until they accept. Inviting again renews.
 */
export async function inviteStaff(
  ctx: IdentityContext,
  sms: SmsSender,
  ownerId: string,
  phone: string,
  role: ShopStaffRole = 'manager',
) {
  const vendor = await myVendor(ctx.db, ownerId);
  if (!vendor) throw new AppError('not_found', 'You have no shop');
  if (vendor.myRole !== 'owner') throw new AppError('forbidden', "Only the shop's owner manages its staff");
  if (vendor.status !== 'approved') {
    throw new AppError('conflict', `Your shop is ${vendor.status}: staff can be invited once it is approved`);
  }
  const expiresAt = ctx.now + INVITATION_TTL_MS;
  const o = orm(ctx.db);
  await o
    .insert(staffInvitations)
    .values({
      id: newId('inv', ctx.now),
      vendorId: vendor.id,
      phone,
      invitedBy: ownerId,
      status: 'pending',
      role,
      expiresAt,
      createdAt: ctx.now,
    })
    // The target names the partial unique index (one pending invitation per shop and phone), literally.
    .onConflictDoUpdate({
      target: [staffInvitations.vendorId, staffInvitations.phone],
      targetWhere: sql`status = 'pending'`,
      set: { expiresAt, invitedBy: ownerId, role },
    })
    .run();
  const invitee = await o.select({ language: users.language }).from(users).where(eq(users.phone, phone)).get();
  // Unregistered numbers get their country's language (notifications decides from the phone).
  await sms.security({ kind: 'staff_invitation', phone, language: invitee?.language ?? null, shop: vendor.businessName });
  return { phone, expiresAt: new Date(expiresAt).toISOString() };
}

async function phoneOf(db: D1Database, userId: string): Promise<string> {
  const phone = (await orm(db).select({ phone: users.phone }).from(users).where(eq(users.id, userId)).get())?.phone;
  if (!phone) throw new AppError('not_found', 'Your account no longer exists');
  return phone;
}

/** Open invitations to the caller's own phone number. */
export async function myInvitations(ctx: IdentityContext, userId: string): Promise<StaffInvitationView[]> {
  const phone = await phoneOf(ctx.db, userId);
  const rows = await orm(ctx.db)
    .select({
      id: staffInvitations.id,
      vendorId: staffInvitations.vendorId,
      businessName: vendors.businessName,
      role: staffInvitations.role,
      expiresAt: staffInvitations.expiresAt,
    })
    .from(staffInvitations)
    .innerJoin(vendors, eq(vendors.id, staffInvitations.vendorId))
    .where(
      and(eq(staffInvitations.phone, phone), eq(staffInvitations.status, 'pending'), gt(staffInvitations.expiresAt, ctx.now)),
    )
    .orderBy(desc(staffInvitations.createdAt), asc(staffInvitations.id))
    .all();
  return rows.map((r) => ({
    id: r.id,
    vendor: { id: r.vendorId, businessName: r.businessName },
    role: r.role,
    expiresAt: new Date(r.expiresAt).toISOString(),
  }));
}

const noInvitation = (id: string) => new AppError('not_found', `You have no open invitation ${id}`);

/**
 * The invitee answers from their own account: only the holder of the invited number, only while
 * it is open. Accepting makes them staff (a vendor user, in an approved or suspended shop) in the
 * same batch that closes the invitation; someone already working for a shop gets a 409.
 */
export async function answerInvitation(ctx: IdentityContext, userId: string, id: string, answer: 'accepted' | 'declined') {
  const phone = await phoneOf(ctx.db, userId);
  const o = orm(ctx.db);
  const open = and(
    eq(staffInvitations.id, id),
    eq(staffInvitations.phone, phone),
    eq(staffInvitations.status, 'pending'),
    gt(staffInvitations.expiresAt, ctx.now),
  );
  const invitation = await o.select({ vendorId: staffInvitations.vendorId }).from(staffInvitations).where(open).get();
  if (!invitation) throw noInvitation(id);
  const close = o.update(staffInvitations).set({ status: answer, answeredBy: userId, answeredAt: ctx.now }).where(open);
  if (answer === 'declined') {
    if ((await close.run()).meta.changes === 0) throw noInvitation(id);
    return;
  }
  const me = await o.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (me?.role === 'admin') throw new AppError('conflict', 'Operators cannot join a shop');
  try {
    await ctx.db.batch([
      statement(ctx.db, close),
      // Joins only if THIS request closed the invitation (a concurrent answer leaves nothing to insert).
      statement(
        ctx.db,
        o.insert(vendorStaff).select(
          o
            .select({
              vendorId: staffInvitations.vendorId,
              userId: sql<string>`${userId}`.as('user_id'),
              role: staffInvitations.role,
              createdAt: sql<number>`${ctx.now}`.as('created_at'),
            })
            .from(staffInvitations)
            .where(
              and(
                eq(staffInvitations.id, id),
                eq(staffInvitations.status, 'accepted'),
                eq(staffInvitations.answeredBy, userId),
                eq(staffInvitations.answeredAt, ctx.now),
              ),
            ),
        ),
      ),
      statement(
        ctx.db,
        o
          .update(users)
          .set({ role: 'vendor', vendorId: invitation.vendorId, updatedAt: ctx.now })
          .where(
            and(
              eq(users.id, userId),
              exists(
                o
                  .select({ one: sql`1` })
                  .from(vendorStaff)
                  .where(and(eq(vendorStaff.vendorId, invitation.vendorId), eq(vendorStaff.userId, userId))),
              ),
              exists(
                o
                  .select({ one: sql`1` })
                  .from(vendors)
                  .where(and(eq(vendors.id, invitation.vendorId), inArray(vendors.status, ['approved', 'suspended']))),
              ),
            ),
          ),
      ),
    ]);
  } catch (err) {
    if (
      /UNIQUE constraint failed|PRIMARY KEY/i.test(
        String(err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : err),
      )
    ) {
      throw new AppError('conflict', 'You already work for a shop; leave it before joining another');
    }
    throw err;
  }
  const joined = await o
    .select({ one: sql`1` })
    .from(vendorStaff)
    .where(and(eq(vendorStaff.vendorId, invitation.vendorId), eq(vendorStaff.userId, userId)))
    .get();
  if (!joined) throw noInvitation(id);
}
