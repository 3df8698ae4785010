import { upgradeHolding } from '@linked-all/testing/upgrade';
import { expect, it } from 'vitest';

// A deployed database is upgraded with users, sessions and passwords in it: rebuilding `users` (0006, 0013) must keep them, and what points at them.
it('upgrades a database holding signed-in users through the users rebuilds, keeping them and their sessions', async () => {
  const db = await upgradeHolding({
    before: '0006',
    rows: [
      "INSERT INTO users (id, phone, name, language, created_at, updated_at) VALUES ('usr_upgrade1', '+254700009901', 'Amina', 'sw', 1, 1)",
      "INSERT INTO passwords (user_id, hash, updated_at) VALUES ('usr_upgrade1', 'pbkdf2-sha256$1$x$y', 1)",
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES ('h1', 'f1', 'usr_upgrade1', 1, 9999999999999)",
    ],
  });

  expect(await db.prepare('SELECT id, phone, language FROM users').all()).toMatchObject({
    results: [{ id: 'usr_upgrade1', phone: '+254700009901', language: 'sw' }],
  });
  expect((await db.prepare("SELECT count(*) AS n FROM refresh_tokens WHERE user_id = 'usr_upgrade1'").first())?.n).toBe(1);
  // The wider language list 0013 exists for, and the foreign keys still hold.
  await db.prepare("UPDATE users SET language = 'pt' WHERE id = 'usr_upgrade1'").run();
  await expect(
    db.prepare("INSERT INTO passwords (user_id, hash, updated_at) VALUES ('usr_nobody', 'h', 1)").run(),
  ).rejects.toThrow(/FOREIGN KEY/);
});
