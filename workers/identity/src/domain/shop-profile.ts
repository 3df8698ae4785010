import { auditStatement } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { isLocale, translator } from '@linked-all/i18n';
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
    ctx.db
      .prepare('UPDATE vendors SET business_name = ?, updated_at = ? WHERE id = ?')
      .bind(input.businessName, ctx.now, vendor.id),
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
  await ctx.db
    .prepare(
      `INSERT INTO payout_phone_changes (vendor_id, phone, code_hash, salt, attempts, requested_by, expires_at, created_at)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?)
       ON CONFLICT (vendor_id) DO UPDATE SET phone = excluded.phone, code_hash = excluded.code_hash, salt = excluded.salt,
         attempts = 0, requested_by = excluded.requested_by, expires_at = excluded.expires_at, created_at = excluded.created_at`,
    )
    .bind(vendor.id, phone, await codeHash(salt, phone, code), salt, ownerId, expiresAt, ctx.now)
    .run();
  const language = await ctx.db.prepare('SELECT language FROM users WHERE id = ?').bind(ownerId).first<string>('language');
  const t = translator(isLocale(language) ? language : 'en');
  await sms.send(phone, t('vendor.sms.payout_code', { code, shop: vendor.businessName }));
  return { phone, expiresAt: new Date(expiresAt).toISOString() };
}

const wrongCode = () => new AppError('unauthenticated', 'The code is wrong or expired; ask for a new one');

/**
 * The code came back: the payout phone changes, the open change is spent and the audit row
 * written in one batch. Each try spends an attempt first, so guessing in parallel spends them too.
 */
export async function confirmPayoutPhoneChange(ctx: IdentityContext, ownerId: string, input: { phone: string; code: string }) {
  const vendor = await ownedShop(ctx, ownerId);
  const row = await ctx.db
    .prepare(
      `UPDATE payout_phone_changes SET attempts = attempts + 1
       WHERE vendor_id = ? AND phone = ? AND attempts < ? AND expires_at > ? RETURNING code_hash, salt`,
    )
    .bind(vendor.id, input.phone, PAYOUT_CODE_ATTEMPTS, ctx.now)
    .first<{ code_hash: string; salt: string }>();
  if (!row) throw wrongCode();
  const actual = await codeHash(row.salt, input.phone, input.code);
  let diff = row.code_hash.length ^ actual.length;
  for (let i = 0; i < row.code_hash.length; i++) diff |= row.code_hash.charCodeAt(i) ^ actual.charCodeAt(i);
  if (diff !== 0) throw wrongCode();
  const [spent] = await ctx.db.batch([
    ctx.db.prepare('DELETE FROM payout_phone_changes WHERE vendor_id = ? AND code_hash = ?').bind(vendor.id, row.code_hash),
    ctx.db
      .prepare('UPDATE vendors SET payout_phone = ?, updated_at = ? WHERE id = ? AND changes() = 1')
      .bind(input.phone, ctx.now, vendor.id),
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
