import type { ShopStaffRole } from '@linked-all/auth';
import { AppError, newId } from '@linked-all/http';
import type { StaffInvitationView } from '../../contract';
import type { IdentityContext } from './context';
import type { SmsSender } from './sms';
import { myVendor } from './vendors';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

const MESSAGES = {
  en: (shop: string) =>
    `${shop} invites you to work for their shop on Linked All. Sign in with this number to accept or decline.`,
  fr: (shop: string) =>
    `${shop} vous invite à travailler pour sa boutique sur Linked All. Connectez-vous avec ce numéro pour accepter ou refuser.`,
  sw: (shop: string) =>
    `${shop} wanakualika kufanya kazi kwenye duka lao la Linked All. Ingia kwa nambari hii ili kukubali au kukataa.`,
};

/**
 * The owner of an APPROVED shop invites a phone number. The answer, the stored row and the SMS
 * are the same whether or not anyone registered the number, so an invitation cannot be used to
 * look people up; nothing changes for the invitee until they accept. Inviting again renews.
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
  await ctx.db
    .prepare(
      `INSERT INTO staff_invitations (id, vendor_id, phone, invited_by, status, role, expires_at, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)
       ON CONFLICT (vendor_id, phone) WHERE status = 'pending'
       DO UPDATE SET expires_at = excluded.expires_at, invited_by = excluded.invited_by, role = excluded.role`,
    )
    .bind(newId('inv', ctx.now), vendor.id, phone, ownerId, role, expiresAt, ctx.now)
    .run();
  const language =
    (await ctx.db.prepare('SELECT language FROM users WHERE phone = ?').bind(phone).first<'en' | 'fr' | 'sw'>('language')) ??
    'en';
  await sms.send(phone, MESSAGES[language](vendor.businessName));
  return { phone, expiresAt: new Date(expiresAt).toISOString() };
}

async function phoneOf(db: D1Database, userId: string): Promise<string> {
  const phone = await db.prepare('SELECT phone FROM users WHERE id = ?').bind(userId).first<string>('phone');
  if (!phone) throw new AppError('not_found', 'Your account no longer exists');
  return phone;
}

/** Open invitations to the caller's own phone number. */
export async function myInvitations(ctx: IdentityContext, userId: string): Promise<StaffInvitationView[]> {
  const phone = await phoneOf(ctx.db, userId);
  const { results } = await ctx.db
    .prepare(
      `SELECT i.id, i.vendor_id, v.business_name, i.role, i.expires_at FROM staff_invitations i JOIN vendors v ON v.id = i.vendor_id
       WHERE i.phone = ? AND i.status = 'pending' AND i.expires_at > ? ORDER BY i.created_at DESC, i.id`,
    )
    .bind(phone, ctx.now)
    .all<{ id: string; vendor_id: string; business_name: string; role: ShopStaffRole; expires_at: number }>();
  return results.map((r) => ({
    id: r.id,
    vendor: { id: r.vendor_id, businessName: r.business_name },
    role: r.role,
    expiresAt: new Date(r.expires_at).toISOString(),
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
  const invitation = await ctx.db
    .prepare("SELECT vendor_id FROM staff_invitations WHERE id = ? AND phone = ? AND status = 'pending' AND expires_at > ?")
    .bind(id, phone, ctx.now)
    .first<{ vendor_id: string }>();
  if (!invitation) throw noInvitation(id);
  const close = ctx.db
    .prepare(
      `UPDATE staff_invitations SET status = ?, answered_by = ?, answered_at = ?
       WHERE id = ? AND phone = ? AND status = 'pending' AND expires_at > ?`,
    )
    .bind(answer, userId, ctx.now, id, phone, ctx.now);
  if (answer === 'declined') {
    if ((await close.run()).meta.changes === 0) throw noInvitation(id);
    return;
  }
  const role = await ctx.db.prepare('SELECT role FROM users WHERE id = ?').bind(userId).first<string>('role');
  if (role === 'admin') throw new AppError('conflict', 'Operators cannot join a shop');
  try {
    await ctx.db.batch([
      close,
      // Joins only if THIS request closed the invitation (a concurrent answer leaves nothing to insert).
      ctx.db
        .prepare(
          `INSERT INTO vendor_staff (vendor_id, user_id, role, created_at)
           SELECT vendor_id, ?, role, ? FROM staff_invitations WHERE id = ? AND status = 'accepted' AND answered_by = ? AND answered_at = ?`,
        )
        .bind(userId, ctx.now, id, userId, ctx.now),
      ctx.db
        .prepare(
          `UPDATE users SET role = 'vendor', vendor_id = ?, updated_at = ?
           WHERE id = ? AND EXISTS (SELECT 1 FROM vendor_staff WHERE vendor_id = ? AND user_id = ?)
             AND EXISTS (SELECT 1 FROM vendors WHERE id = ? AND status IN ('approved', 'suspended'))`,
        )
        .bind(invitation.vendor_id, ctx.now, userId, invitation.vendor_id, userId, invitation.vendor_id),
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
  const joined = await ctx.db
    .prepare('SELECT 1 FROM vendor_staff WHERE vendor_id = ? AND user_id = ?')
    .bind(invitation.vendor_id, userId)
    .first();
  if (!joined) throw noInvitation(id);
}
