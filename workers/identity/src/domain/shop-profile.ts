import { statement } from '@linked-all/db';
import { auditStatement } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { payoutPhoneChanges, users, vendors } from '../db/schema';
import type { IdentityContext } from './context';
import { codeHash, newCode } from './otp';
import type { SmsSender } from './sms';
import { myVendor } from './vendors';

export const PAYOUT_CODE_TTL_MS = 10 * 60 * 1000;
const PAYOUT_CODE_ATTEMPTS = 5;

// Profile and payout phone are the owner's alone (permission `settings`); every change is
// written to the audit log in the same batch, with the owner as the actor.
async function ownedShop(ctx: IdentityContext, ownerId: string) {
  const vendor = await myVendor(ctx.db, ownerId);
  if (!vendor) throw new AppError('not_found', 'You have no shop');
  if (vendor.myRole !== 'owner') {
    throw new AppError('forbidden', 'This needs the settings permission of your shop', { permission: 'settings' });
  }
  return vendor;
}

async function reread(ctx: IdentityContext, ownerId: string) {
  const vendor = await myVendor(ctx.db, ownerId);
  if (!vendor) throw new AppError('not_found', 'You have no shop');
  return vendor;
}

/** Renames the shop (the owner). */
export async function updateShopProfile(ctx: IdentityContext, ownerId: string, input: { businessName: string }) {
  const vendor = await ownedShop(ctx, ownerId);
  await ctx.db.batch([
    statement(
      ctx.db,
      orm(ctx.db).update(vendors).set({ businessName: input.businessName, updatedAt: ctx.now }).where(eq(vendors.id, vendor.id)),
    ),
    auditStatement(
      ctx.db,
      {
        actor: ownerId,
        action: 'vendor.profile',
        target: vendor.id,
        detail: { businessName: input.businessName },
      },
      { now: ctx.now },
    ),
  ]);
  return reread(ctx, ownerId);
}

/**
 * Sends a code to the NEW payout phone; nothing changes until it comes back. Asking again
 * replaces the open change (a new code, attempts reset). The code is never in the answer.
 */
export async function requestPayoutPhoneChange(
  ctx: IdentityContext,
  sms: SmsSender,
  ownerId: string,
  phone: string,
  code = newCode(),
): Promise<{ phone: string; expiresAt: string }> {
  const vendor = await ownedShop(ctx, ownerId);
  const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const expiresAt = ctx.now + PAYOUT_CODE_TTL_MS;
  const o = orm(ctx.db);
  // Asking again replaces the whole open change: new phone, code, salt and expiry, attempts back to 0.
  const change = {
    phone,
    codeHash: await codeHash(salt, phone, code),
    salt,
    attempts: 0,
    requestedBy: ownerId,
    expiresAt,
    createdAt: ctx.now,
  };
  await o
    .insert(payoutPhoneChanges)
    .values({ vendorId: vendor.id, ...change })
    .onConflictDoUpdate({ target: payoutPhoneChanges.vendorId, set: change })
    .run();
  const owner = await o.select({ language: users.language }).from(users).where(eq(users.id, ownerId)).get();
  try {
    await sms.security({ kind: 'payout_phone_code', phone, language: owner?.language ?? null, code, shop: vendor.businessName });
  } catch (err) {
    // A code that never reached the phone must not stay open (unless a newer request replaced it).
    await o
      .delete(payoutPhoneChanges)
      .where(and(eq(payoutPhoneChanges.vendorId, vendor.id), eq(payoutPhoneChanges.codeHash, change.codeHash)))
      .run();
    throw err;
  }
  return { phone, expiresAt: new Date(expiresAt).toISOString() };
}

const wrongCode = () => new AppError('unauthenticated', 'The code is wrong or expired; ask for a new one');

/**
 * The code came back: the payout phone changes, the open change is spent and the audit row
 * written in one batch. Each try spends an attempt first, so guessing in parallel spends them too.
 */
export async function confirmPayoutPhoneChange(ctx: IdentityContext, ownerId: string, input: { phone: string; code: string }) {
  const vendor = await ownedShop(ctx, ownerId);
  const o = orm(ctx.db);
  const row = await o
    .update(payoutPhoneChanges)
    .set({ attempts: sql`${payoutPhoneChanges.attempts} + 1` })
    .where(
      and(
        eq(payoutPhoneChanges.vendorId, vendor.id),
        eq(payoutPhoneChanges.phone, input.phone),
        lt(payoutPhoneChanges.attempts, PAYOUT_CODE_ATTEMPTS),
        gt(payoutPhoneChanges.expiresAt, ctx.now),
      ),
    )
    .returning({ codeHash: payoutPhoneChanges.codeHash, salt: payoutPhoneChanges.salt })
    .get();
  if (!row) throw wrongCode();
  const actual = await codeHash(row.salt, input.phone, input.code);
  let diff = row.codeHash.length ^ actual.length;
  for (let i = 0; i < row.codeHash.length; i++) diff |= row.codeHash.charCodeAt(i) ^ actual.charCodeAt(i);
  if (diff !== 0) throw wrongCode();
  const [spent] = await ctx.db.batch([
    statement(
      ctx.db,
      o
        .delete(payoutPhoneChanges)
        .where(and(eq(payoutPhoneChanges.vendorId, vendor.id), eq(payoutPhoneChanges.codeHash, row.codeHash))),
    ),
    // changes() is the DELETE just before: the phone changes only if this request spent the code.
    statement(
      ctx.db,
      o
        .update(vendors)
        .set({ payoutPhone: input.phone, updatedAt: ctx.now })
        .where(and(eq(vendors.id, vendor.id), sql`changes() = 1`)),
    ),
    auditStatement(
      ctx.db,
      // The numbers themselves are personal data: the log keeps who and when, and the last digits.
      { actor: ownerId, action: 'vendor.payout_phone', target: vendor.id, detail: { endsWith: input.phone.slice(-3) } },
      {
        now: ctx.now,
        when: {
          sql: 'EXISTS (SELECT 1 FROM vendors WHERE id = ? AND payout_phone = ? AND updated_at = ?)',
          args: [vendor.id, input.phone, ctx.now],
        },
      },
    ),
  ]);
  if (spent.meta.changes !== 1) throw wrongCode();
  return reread(ctx, ownerId);
}
