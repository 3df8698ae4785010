-- A drop (the vendor rejects, the shopper cancels) claims its vendor order before it refunds and
-- restocks: JSON { as, actor, reason, userId, at } of the drop that owns it. While set, no other
-- move (accept, ready, ship) lands, so a vendor order is never both shipped and refunded; a drop
-- that crashed after claiming is finished by the next drop call on it (same refund, same restock).
ALTER TABLE vendor_orders ADD COLUMN dropping TEXT;
