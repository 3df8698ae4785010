-- Guest carts created per client address and hour. One row per (address, hour); the counting
-- statement is also the guard, so the limit is exact under concurrency (one D1 primary).
CREATE TABLE guest_cart_quota (
  client TEXT NOT NULL,
  hour INTEGER NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (client, hour)
);
