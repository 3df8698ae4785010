import { log } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { pushSubscriptions } from '../db/schema';
import { secret } from '../secrets';
import type { ProviderHttp } from '../sms/provider';
import { encryptPush } from './aes128gcm';
import { vapidAuthorization } from './vapid';

/** What a notification shows on the lock screen; `url` opens when it is tapped. */
export type PushMessage = { title: string; body: string; url?: string };

export type PushOutcome = { ok: true; devices: number; pruned: number } | { ok: false; error: string; pruned: number };

/** Whether the user has a browser to push to (the cascade offers push only then). */
export async function hasPushSubscription(db: D1Database, userId: string): Promise<boolean> {
  const row = await orm(db)
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .get();
  return row !== undefined;
}

/**
 * Sends one message to every browser the user subscribed, encrypted per subscription and signed
 * with our VAPID key. Delivered when at least one push service accepts it; a subscription the push
 * service says is gone (404/410) is deleted at once, so no later message pays for it.
 */
export async function pushToUser(
  env: NotificationsEnv,
  http: ProviderHttp,
  userId: string,
  message: PushMessage,
  urgency: 'high' | 'normal',
): Promise<PushOutcome> {
  const db = orm(env.DB);
  const subscriptions = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all();
  const keys = {
    publicKey: env.VAPID_PUBLIC_KEY,
    privateJwk: secret(env.VAPID_PRIVATE_JWK, 'VAPID_PRIVATE_JWK'),
    subject: env.VAPID_SUBJECT,
  };
  let devices = 0;
  let pruned = 0;
  const errors: string[] = [];
  for (const sub of subscriptions) {
    const response = await http(sub.endpoint, {
      method: 'POST',
      headers: {
        authorization: await vapidAuthorization(sub.endpoint, keys),
        'content-encoding': 'aes128gcm',
        'content-type': 'application/octet-stream',
        ttl: String(24 * 3600),
        urgency,
      },
      body: await encryptPush(JSON.stringify(message), sub),
    });
    if (response.status === 201 || response.status === 202) devices++;
    else if (response.status === 404 || response.status === 410) {
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id)).run();
      pruned++;
    } else errors.push(`${new URL(sub.endpoint).host} answered ${response.status}`);
  }
  if (pruned) log('info', 'dead push subscriptions pruned', { userId, pruned });
  if (devices > 0) return { ok: true, devices, pruned };
  return { ok: false, error: errors.join('; ') || 'no push subscription left', pruned };
}
