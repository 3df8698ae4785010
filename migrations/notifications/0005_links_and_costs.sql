-- A message's page (a push opens it when tapped), and per delivery the country whose price it was
-- given: the console's message report sums deliveries per channel, country and day (of the message).
ALTER TABLE notifications ADD COLUMN link TEXT;
ALTER TABLE deliveries ADD COLUMN country TEXT;
CREATE INDEX notifications_created ON notifications (created_at);

-- Which live hubs (user:<id>, vendor:<id>) hold an open page now, kept by the LiveHub objects as
-- sockets open and close: the cascade and the live announcement read it with the message's other
-- D1 reads instead of waking a Durable Object per message for the many users with no page open.
CREATE TABLE live_presence (
  hub TEXT PRIMARY KEY,
  since INTEGER NOT NULL
);
