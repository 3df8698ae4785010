// Password hashing with PBKDF2-SHA256 through WebCrypto. No imports, so the dev
// seeder (Node, which has the same WebCrypto) can hash demo passwords with it.

/** The Workers runtime refuses PBKDF2 above 100,000 iterations; we use the maximum. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const PREFIX = 'pbkdf2-sha256';

/**
 * A hash of a password nobody knows, in the current format. Logins for unknown
 * users (or users without a password) verify against it, so "no such user"
 * costs one PBKDF2 like "wrong password" and the two cannot be told apart by time.
 */
export const DUMMY_HASH = 'pbkdf2-sha256$100000$PSJUfWdC3P4vHy7FF6615w==$AbiTbhyQcFjYckmHF6q3vcBDAwfhCfetavqEPVbDKyc=';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

async function derive(password: string, salt: Uint8Array, iterations: number, bits: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFKC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, bits));
}

/** Compares in time that depends only on the length (which is public: it is part of the format). */
function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Hashes a password with a fresh 16-byte salt: `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations, HASH_BITS);
  return `${PREFIX}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

/**
 * Verifies a password against a stored hash with the parameters stored in it.
 * `needsRehash` says the hash uses weaker parameters than today's, so the caller
 * can store a new hash after a successful login.
 */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parts = stored.split('$');
  const iterations = Number(parts[1]);
  if (
    parts.length !== 4 ||
    parts[0] !== PREFIX ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > PBKDF2_ITERATIONS
  ) {
    // A corrupt row must not be a way in, nor a faster "no": spend the same work.
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, needsRehash: false };
  }
  const expected = fromBase64(parts[3]);
  const actual = await derive(password, fromBase64(parts[2]), iterations, expected.length * 8);
  return { ok: timingSafeEqual(actual, expected), needsRehash: iterations < PBKDF2_ITERATIONS };
}
