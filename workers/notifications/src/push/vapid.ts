import { importJWK, jwtVerify, SignJWT } from 'jose';
import { b64url } from './aes128gcm';

// Voluntary Application Server Identification (RFC 8292): every push request carries a JWT signed
// with our key, for the push service's origin, so a push service can tell who sends and refuse
// anyone who stole a subscription.

export type VapidKeys = { publicKey: string; privateJwk: string; subject: string };

/** `Authorization: vapid t=…, k=…` for one push endpoint, valid 12 hours. */
export async function vapidAuthorization(endpoint: string, keys: VapidKeys): Promise<string> {
  const key = await importJWK(JSON.parse(keys.privateJwk), 'ES256');
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setAudience(new URL(endpoint).origin)
    .setSubject(keys.subject)
    .setExpirationTime('12h')
    .sign(key);
  return `vapid t=${token}, k=${keys.publicKey}`;
}

/** The push service's check: the JWT verifies with the key in `k`, is for this origin and unexpired. */
export async function verifyVapid(header: string | undefined, origin: string): Promise<{ subject: string } | null> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return null;
  try {
    const raw = b64url.decode(match[2]);
    const key = await crypto.subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const { payload } = await jwtVerify(match[1], key, { audience: origin, algorithms: ['ES256'] });
    return typeof payload.sub === 'string' && payload.exp ? { subject: payload.sub } : null;
  } catch {
    return null;
  }
}
