-- Staff join a shop by invitation only: the owner of an approved shop invites a phone number,
-- the person with that number accepts (or declines) from their own account, and only then
-- are they staff. An invitation says nothing to the inviter about the number (registered or not).
CREATE TABLE staff_invitations (
  id TEXT PRIMARY KEY,
  vendor_id TEXT NOT NULL REFERENCES vendors (id),
  phone TEXT NOT NULL,
  invited_by TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  -- Who answered (the account holding the phone at that moment).
  answered_by TEXT REFERENCES users (id),
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  answered_at INTEGER
);
-- One open invitation per shop and number: inviting again renews it.
CREATE UNIQUE INDEX staff_invitations_open ON staff_invitations (vendor_id, phone) WHERE status = 'pending';
CREATE INDEX staff_invitations_phone ON staff_invitations (phone, status, expires_at);
