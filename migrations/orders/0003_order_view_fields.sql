-- The shop's name as the catalog gave it when the order was priced, shown on the shopper's order
-- page without asking the catalog again (a shop renamed later keeps its old name here, like the
-- line titles). NULL for vendor orders created before this column existed.
ALTER TABLE vendor_orders ADD COLUMN vendor_name TEXT;
