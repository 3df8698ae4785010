-- Accounts an operator locked from the console (issue 15): a locked user cannot sign in by any
-- way (password, code, reset) and cannot refresh a session; the lock revokes every refresh token.
-- One row per locked user; unlocking deletes it (the audit log keeps the history).
CREATE TABLE user_locks (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  reason TEXT NOT NULL,
  locked_by TEXT NOT NULL,
  locked_at INTEGER NOT NULL
);
