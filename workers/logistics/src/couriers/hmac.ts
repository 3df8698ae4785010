const encoder = new TextEncoder();

const key = (secret: string, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

/** HMAC-SHA256 of the raw body, hex. */
export async function signHex(secret: string, body: ArrayBuffer | string): Promise<string> {
  const data = typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key(secret, 'sign'), data));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True if `hex` is the HMAC-SHA256 of `body`; `crypto.subtle.verify` compares in constant time. */
export async function verifyHex(secret: string, body: ArrayBuffer, hex: string | null): Promise<boolean> {
  if (!hex || !/^[0-9a-f]{64}$/.test(hex)) return false;
  const mac = new Uint8Array(hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  return crypto.subtle.verify('HMAC', await key(secret, 'verify'), mac, body);
}
