-- The catalog reads confirmations in order (what is bought together): a small partial index over
-- the append-only transitions log, so each read is a range scan however long the log grows.
CREATE INDEX order_transitions_confirmed ON order_transitions (created_at, id)
  WHERE vendor_order_id IS NULL AND to_status = 'confirmed';
