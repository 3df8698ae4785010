import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores the algorithm, iterations, a 16-byte salt and a 32-byte hash', async () => {
    const hash = await hashPassword('correct horse battery');
    const [algorithm, iterations, salt, digest] = hash.split('$');
    expect(algorithm).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(atob(salt)).toHaveLength(16);
    expect(atob(digest)).toHaveLength(32);
  });

  it('salts per hash: the same password never hashes the same twice', async () => {
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('correct horse batterY', hash)).toEqual({ ok: false, needsRehash: false });
  });

  it('verifies an older, cheaper hash by its own parameters and asks for a rehash', async () => {
    const old = await hashPassword('upgrade-me-please', 1000);
    expect(await verifyPassword('upgrade-me-please', old)).toEqual({ ok: true, needsRehash: true });
  });

  it('refuses corrupt hashes and parameters above the platform maximum', async () => {
    expect((await verifyPassword('x', 'md5$abc')).ok).toBe(false);
    expect((await verifyPassword('x', DUMMY_HASH.replace('$100000$', '$100001$'))).ok).toBe(false);
  });

  it('the dummy hash matches no likely password', async () => {
    for (const guess of ['', 'password', 'demo-password']) expect((await verifyPassword(guess, DUMMY_HASH)).ok).toBe(false);
  });
});
