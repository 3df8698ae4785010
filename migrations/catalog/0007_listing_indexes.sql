-- Listing pages by their filters (issue 17): a narrow listing (few matching rows, see
-- NARROW_LISTING_ROWS in list-products.ts) is found by its filters' index and sorted; these give
-- a country's rows of one category subtree, and a country's rows in price order.
CREATE INDEX products_country_category ON products (status, country, category_path);
CREATE INDEX products_country_price ON products (status, country, min_price, id);
