-- Listing facets, precomputed (issue 17): the count of listed products (active, of an active shop)
-- per product category, country, currency, stock flag and price band. A listing's facets are then
-- a sum over a few hundred of these rows instead of a GROUP BY over every matching product
-- (≈ 400 ms at 100k products). Kept current by the catalog's event consumers, which recount the
-- (category, country) a change touched; built whole the first time a listing needs it.
CREATE TABLE listing_facets (
  country TEXT NOT NULL,
  category_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  in_stock INTEGER NOT NULL,
  -- Index of the price band of min_price in @linked-all/money's band table of the currency.
  band INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (country, category_id, currency, in_stock, band)
) WITHOUT ROWID;

-- One row once the table above has been built from every product (`seed --reset` wipes it).
CREATE TABLE listing_facets_built (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  built_at INTEGER NOT NULL
);
