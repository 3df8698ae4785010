const encoder = new TextEncoder();

function bytesOf(data: ArrayBuffer | string): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
}

async function hmacKey(secret: string, hash: 'SHA-256' | 'SHA-512', usage: 'sign' | 'verify') {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, [usage]);
}

/** HMAC of `data` under `secret`. */
export async function hmac(hash: 'SHA-256' | 'SHA-512', secret: string, data: ArrayBuffer | string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret, hash, 'sign'), bytesOf(data)));
}

/** True if `mac` is the HMAC of `data`; `crypto.subtle.verify` compares in constant time. */
export async function verifyHmac(
  hash: 'SHA-256' | 'SHA-512',
  secret: string,
  data: ArrayBuffer,
  mac: Uint8Array | null,
): Promise<boolean> {
  if (!mac || !secret) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret, hash, 'verify'), mac, data);
}

/**
 * Constant-time equality of two strings. Both sides are hashed first, so neither the
 * contents nor the length of the secret leak through timing.
 */
export async function equalsConstantTime(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(x, y);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex: string, length: number): Uint8Array | null {
  if (hex.length !== length * 2 || !/^[0-9a-f]+$/i.test(hex)) return null;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    // Not base64 at all: the caller treats it as a signature that does not match.
    return null;
  }
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** An unguessable URL-safe token (256 bits). */
export function randomToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}
