-- Every access token carries the user's token version (claim `tv`); a password reset or change
-- raises it, and the gateway refuses tokens of an older version, so a 15-minute access token dies
-- with the password it was issued under (refresh tokens are revoked in the same batch).
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
