-- Failed password sign-ins per (account, client address): an attacker slows down only themselves.
-- The owner, signing in from elsewhere (or by SMS code), is never locked out by someone else's guesses.
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
