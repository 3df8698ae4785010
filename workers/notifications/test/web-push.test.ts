import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { notify } from '../src/domain/notify';
import { b64url, decryptPush, encryptPush } from '../src/push/aes128gcm';
import { PUSH_SANDBOX_ORIGIN, unsubscribeSandboxBrowser } from '../src/push/sandbox';
import { vapidAuthorization } from '../src/push/vapid';
import { call, problem, seedShopper, smsTo } from './fixtures';

/** RFC 8291 Appendix A: the user agent's keys and the message an application server encrypted for it. */
const RFC = {
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  uaPrivate: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  message:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

async function rfcReceiver() {
  const pub = b64url.decode(RFC.uaPublic);
  const jwk = { kty: 'EC', crv: 'P-256', x: b64url.encode(pub.slice(1, 33)), y: b64url.encode(pub.slice(33)), d: RFC.uaPrivate };
  const privateKey = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  return { privateKey, p256dh: RFC.uaPublic, auth: RFC.auth };
}

/** A stand-in browser of the sandbox push service, subscribed on the shopper's account. */
async function subscribedBrowser(token: string) {
  const browser = await call('/v1/dev/notifications/push-browsers', { method: 'POST' });
  expect(browser.status).toBe(201);
  const subscription = (await browser.json()) as { endpoint: string; keys: { p256dh: string; auth: string } };
  const registered = await call('/v1/me/push-subscriptions', { method: 'POST', token, json: subscription });
  expect(registered.status).toBe(201);
  return subscription;
}

const pushesTo = async (endpoint: string) =>
  (
    (await (await call(`/v1/dev/notifications/push?endpoint=${encodeURIComponent(endpoint)}`)).json()) as {
      items: { urgency: string; vapidSubject: string; message: { title: string; body: string; url?: string } }[];
    }
  ).items;

const confirmedIntent = (userId: string) => ({
  to: { kind: 'user' as const, userId },
  template: 'notify.sms.order_confirmed' as const,
  class: 'transactional' as const,
  sms: true,
  params: { order: 'ORD12345', amount: { amount: 450_000, currency: 'KES' } },
});

describe('web push (RFC 8291 aes128gcm, RFC 8292 VAPID)', () => {
  it('opens the RFC 8291 example message, so our derivation matches every browser', async () => {
    expect(await decryptPush(b64url.decode(RFC.message), await rfcReceiver())).toBe('When I grow up, I want to be a watermelon');
  });

  it('encrypts with a fresh key and salt per message that only the subscription can open', async () => {
    const receiver = await rfcReceiver();
    const a = await encryptPush('Order ORD1 confirmed', receiver);
    const b = await encryptPush('Order ORD1 confirmed', receiver);
    expect(b64url.encode(a)).not.toBe(b64url.encode(b));
    expect(await decryptPush(a, receiver)).toBe('Order ORD1 confirmed');
    const other = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    await expect(decryptPush(a, { ...receiver, privateKey: other.privateKey })).rejects.toThrow();
  });

  it('pushes a transactional message before paying for an SMS, readable only by the subscribed browser', async () => {
    const shopper = await seedShopper('fr');
    const browser = await subscribedBrowser(shopper.token);
    await notify(env, `push-first-${shopper.userId}`, confirmedIntent(shopper.userId));
    const pushes = await pushesTo(browser.endpoint);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.message.title).toBe('Linked All');
    expect(pushes[0]?.message.body).toMatch(/^Linked All : commande ORD12345 confirmée/);
    expect(pushes[0]?.vapidSubject).toBe(env.VAPID_SUBJECT);
    expect(await smsTo(shopper.phone)).toEqual([]);
  });

  it('prunes a browser that unsubscribed (410) and sends the SMS at once instead', async () => {
    const shopper = await seedShopper('en');
    const browser = await subscribedBrowser(shopper.token);
    await unsubscribeSandboxBrowser(env.DB, browser.endpoint);
    // No queue retry in between: a failed push hands over to SMS in the same delivery.
    await notify(env, `push-gone-${shopper.userId}`, confirmedIntent(shopper.userId));
    expect(await smsTo(shopper.phone)).toHaveLength(1);
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM push_subscriptions WHERE user_id = ?')
      .bind(shopper.userId)
      .first('n');
    expect(left).toBe(0);
  });

  it('the push service refuses a message signed with someone else’s VAPID key', async () => {
    const shopper = await seedShopper('en');
    const browser = await subscribedBrowser(shopper.token);
    const thief = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    const forged = await vapidAuthorization(browser.endpoint, {
      publicKey: env.VAPID_PUBLIC_KEY,
      privateJwk: JSON.stringify(await crypto.subtle.exportKey('jwk', thief.privateKey)),
      subject: 'mailto:thief@example.com',
    });
    const { sandboxHttp } = await import('../src/sms/sandbox');
    const response = await sandboxHttp(env)(browser.endpoint, {
      method: 'POST',
      headers: { authorization: forged, 'content-encoding': 'aes128gcm', ttl: '60' },
      body: await encryptPush('{"title":"x","body":"free money"}', browser.keys),
    });
    expect(response.status).toBe(401);
    expect(await pushesTo(browser.endpoint)).toEqual([]);
    expect(browser.endpoint.startsWith(PUSH_SANDBOX_ORIGIN)).toBe(true);
  });

  it('an urgent message goes by SMS first, whatever the browser', async () => {
    const shopper = await seedShopper('en');
    const browser = await subscribedBrowser(shopper.token);
    await notify(env, `urgent-${shopper.userId}`, { ...confirmedIntent(shopper.userId), class: 'urgent' });
    expect(await smsTo(shopper.phone)).toHaveLength(1);
    expect(await pushesTo(browser.endpoint)).toEqual([]);
  });

  it('hands browsers our VAPID public key, publicly and cacheable', async () => {
    const res = await call('/v1/push/key');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await res.json()).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
  });

  it('a subscription round trip: subscribed, a message for the user arrives encrypted with its order page, unsubscribed', async () => {
    const shopper = await seedShopper('en');
    const browser = await subscribedBrowser(shopper.token);
    await notify(env, `push-link-${shopper.userId}`, { ...confirmedIntent(shopper.userId), link: '/orders/ord_pushlink01' });
    const pushes = await pushesTo(browser.endpoint);
    expect(pushes.map((p) => p.message)).toEqual([
      {
        title: 'Linked All',
        body: expect.stringMatching(/^Linked All: order ORD12345 is confirmed/),
        url: '/orders/ord_pushlink01',
      },
    ]);
    const gone = await call('/v1/me/push-subscriptions', {
      method: 'DELETE',
      token: shopper.token,
      json: { endpoint: browser.endpoint },
    });
    expect(gone.status).toBe(204);
    // Unsubscribed: the next message is not pushed (SMS takes it).
    await notify(env, `push-after-${shopper.userId}`, confirmedIntent(shopper.userId));
    expect(await pushesTo(browser.endpoint)).toHaveLength(1);
    expect(await smsTo(shopper.phone)).toHaveLength(1);
  });

  it('refuses a subscription whose keys are missing or not the browser’s, naming the field', async () => {
    const shopper = await seedShopper('en');
    const res = await call('/v1/me/push-subscriptions', {
      method: 'POST',
      token: shopper.token,
      json: { endpoint: 'https://push.example.com/x', keys: { p256dh: 'short' } },
    });
    const body = await problem(res, 400, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: 'keys.p256dh', message: expect.any(String) },
        { path: 'keys.auth', message: expect.any(String) },
      ]),
    );
  });
});
