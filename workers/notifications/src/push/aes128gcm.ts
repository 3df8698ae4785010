// Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), with Web
// Crypto only. The push service relays bytes it cannot read; only the browser that holds the
// subscription's private key and auth secret can open them.

const enc = new TextEncoder();
const RECORD_SIZE = 4096;

export const b64url = {
  encode: (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, ''),
  decode: (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0)),
};

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** HKDF-SHA-256 (extract then expand) for `bytes` bytes. */
async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8));
}

/** The content key and nonce both sides derive from the ECDH secret, the auth secret and the salt. */
async function contentKeys(
  ecdhSecret: Uint8Array,
  auth: Uint8Array,
  uaPublic: Uint8Array,
  asPublic: Uint8Array,
  salt: Uint8Array,
) {
  const keyInfo = concat(enc.encode('WebPush: info\0'), uaPublic, asPublic);
  const ikm = await hkdf(auth, ecdhSecret, keyInfo, 32);
  const cek = await hkdf(salt, ikm, enc.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, enc.encode('Content-Encoding: nonce\0'), 12);
  return { key: await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt', 'decrypt']), nonce };
}

async function ecdh(privateKey: CryptoKey, publicRaw: Uint8Array): Promise<Uint8Array> {
  const pub = await crypto.subtle.importKey('raw', publicRaw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  // The standard's member is `public` (workerd reads it); workers-types spells it `$public`, so the
  // algorithm is passed as a variable rather than a literal the type would refuse.
  const algorithm = { name: 'ECDH', public: pub };
  return new Uint8Array(await crypto.subtle.deriveBits(algorithm, privateKey, 256));
}

/**
 * Encrypts one push message for a subscription's keys (`p256dh`, `auth`, base64url as the browser
 * gives them): a fresh sender key pair and salt per message, one record, the header of RFC 8188.
 */
export async function encryptPush(plaintext: string, keys: { p256dh: string; auth: string }): Promise<Uint8Array> {
  const uaPublic = b64url.decode(keys.p256dh);
  const sender = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const asPublic = new Uint8Array((await crypto.subtle.exportKey('raw', sender.publicKey)) as ArrayBuffer);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const { key, nonce } = await contentKeys(
    await ecdh(sender.privateKey, uaPublic),
    b64url.decode(keys.auth),
    uaPublic,
    asPublic,
    salt,
  );
  // 0x02 marks the last (here the only) record; no padding.
  const record = concat(enc.encode(plaintext), new Uint8Array([2]));
  if (record.length + 16 > RECORD_SIZE) throw new Error('push payload too large for one record');
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, record));
  const header = new Uint8Array(21);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header.set(salt, 0);
  header[20] = asPublic.length;
  return concat(header, asPublic, cipher);
}

/** What a browser does with a push message: the receiving side, used by the local push sandbox. */
export async function decryptPush(
  body: Uint8Array,
  receiver: { privateKey: CryptoKey; p256dh: string; auth: string },
): Promise<string> {
  const salt = body.slice(0, 16);
  const idLength = body[20];
  const asPublic = body.slice(21, 21 + idLength);
  const { key, nonce } = await contentKeys(
    await ecdh(receiver.privateKey, asPublic),
    b64url.decode(receiver.auth),
    b64url.decode(receiver.p256dh),
    asPublic,
    salt,
  );
  const record = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, body.slice(21 + idLength)));
  const end = record.lastIndexOf(2);
  if (end < 0) throw new Error('no record delimiter');
  return new TextDecoder().decode(record.slice(0, end));
}
