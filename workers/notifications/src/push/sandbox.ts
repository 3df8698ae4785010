import { newId } from '@linked-all/http';
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { orm } from '../db/orm';
import { pushSandboxClients, pushSandboxMessages } from '../db/schema';
import { b64url, decryptPush } from './aes128gcm';
import { verifyVapid } from './vapid';

// The push service of development and test, answering like FCM/Mozilla autopush: a POST to a
// subscription's endpoint with a valid VAPID JWT and an aes128gcm body is accepted (201) and kept
// encrypted; an unsubscribed browser's endpoint answers 410. It also stands in for the browsers:
// it holds their private keys, so tests and `pnpm dev` can read what a phone would show.

export const PUSH_SANDBOX_ORIGIN = 'https://push.sandbox.linkedall.local';

export const pushSandbox = new Hono<{ Bindings: NotificationsEnv }>().post('/push/v1/:client', async (c) => {
  const db = orm(c.env.DB);
  const client = await db
    .select()
    .from(pushSandboxClients)
    .where(eq(pushSandboxClients.id, c.req.param('client')))
    .get();
  if (!client) return c.text('Not Found', 404);
  if (client.gone) return c.text('push subscription has unsubscribed or expired', 410);
  const vapid = await verifyVapid(c.req.header('authorization'), PUSH_SANDBOX_ORIGIN);
  if (!vapid) return c.text('invalid VAPID authorization', 401);
  if (c.req.header('content-encoding') !== 'aes128gcm') return c.text('Content-Encoding must be aes128gcm', 415);
  const ttl = Number(c.req.header('ttl'));
  if (!Number.isInteger(ttl) || ttl < 0) return c.text('TTL header required', 400);
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.length > 4096) return c.text('payload too large', 413);
  const id = newId('push', Date.now());
  await db.insert(pushSandboxMessages).values({
    id,
    clientId: client.id,
    vapidSubject: vapid.subject,
    ttl,
    urgency: c.req.header('urgency') ?? 'normal',
    body: b64url.encode(body),
    createdAt: Date.now(),
  });
  c.header('location', `${PUSH_SANDBOX_ORIGIN}/message/${id}`);
  return c.body(null, 201);
});

/** A new sandbox browser: its key pair and auth secret, and the subscription it would hand a page. */
export async function newSandboxBrowser(db: D1Database) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const p256dh = b64url.encode(new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer));
  const auth = b64url.encode(crypto.getRandomValues(new Uint8Array(16)));
  const id = crypto.randomUUID();
  await orm(db)
    .insert(pushSandboxClients)
    .values({
      id,
      p256dh,
      auth,
      privateJwk: JSON.stringify(await crypto.subtle.exportKey('jwk', pair.privateKey)),
      createdAt: Date.now(),
    });
  return { endpoint: `${PUSH_SANDBOX_ORIGIN}/push/v1/${id}`, keys: { p256dh, auth } };
}

/** The browser unsubscribes: its push service answers 410 from now on. */
export async function unsubscribeSandboxBrowser(db: D1Database, endpoint: string) {
  await orm(db)
    .update(pushSandboxClients)
    .set({ gone: 1 })
    .where(eq(pushSandboxClients.id, clientIdOf(endpoint)))
    .run();
}

const clientIdOf = (endpoint: string) => endpoint.slice(`${PUSH_SANDBOX_ORIGIN}/push/v1/`.length);

/** What the sandbox browser received, decrypted as the browser would, newest first. */
export async function readSandboxPushes(db: D1Database, endpoint: string, limit = 20) {
  const client = await orm(db)
    .select()
    .from(pushSandboxClients)
    .where(eq(pushSandboxClients.id, clientIdOf(endpoint)))
    .get();
  if (!client) return [];
  const privateKey = await crypto.subtle.importKey(
    'jwk',
    JSON.parse(client.privateJwk),
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    ['deriveBits'],
  );
  const rows = await orm(db)
    .select()
    .from(pushSandboxMessages)
    .where(eq(pushSandboxMessages.clientId, client.id))
    .orderBy(desc(pushSandboxMessages.createdAt), desc(pushSandboxMessages.id))
    .limit(limit)
    .all();
  return Promise.all(
    rows.map(async (r) => ({
      urgency: r.urgency,
      vapidSubject: r.vapidSubject,
      message: JSON.parse(await decryptPush(b64url.decode(r.body), { privateKey, ...client })) as unknown,
      receivedAt: new Date(r.createdAt).toISOString(),
    })),
  );
}
