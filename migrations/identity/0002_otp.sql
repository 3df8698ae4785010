-- One-time sign-in codes by SMS, and the local SMS sandbox.

-- A phone is verified once a code sent to it was entered.
ALTER TABLE users ADD COLUMN phone_verified_at INTEGER;

-- At most one live code per phone: a new request replaces the old code.
-- code_hash = SHA-256(salt ‖ phone ‖ code), hex. A 6-digit code is guessable offline
-- from a leaked row, which is why codes die after 5 minutes or 5 attempts.
CREATE TABLE otp_codes (
  phone TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL,
  salt TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

-- Messages the sandbox SMS adapter "sent" (development and staging): readable via GET /v1/dev/sms in development.
CREATE TABLE sms_sandbox (
  id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX sms_sandbox_phone ON sms_sandbox (phone, created_at);
