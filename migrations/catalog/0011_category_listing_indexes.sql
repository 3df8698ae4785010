-- Category listings (issue 17): each category of the subtree walks its own rows in the page's order
-- and stops after a page (list-products.ts, subtreePage). Without these the one walk of the price
-- index for "cheapest laptops" crossed every cheaper product (1.1 s at 1M), and "newest in one
-- country's category" sorted every row it had (up to 250 ms). The two replaced indexes are prefixes
-- of their successors; `id` last gives the planner the page's whole order (without it SQLite, which
-- has no statistics in D1, walked the newest-first index of every product instead: 490 ms).
CREATE INDEX products_category_price ON products (status, category_path, min_price, id);
CREATE INDEX products_country_category_price ON products (status, country, category_path, min_price, id);
DROP INDEX products_country_category;
CREATE INDEX products_country_category_newest ON products (status, country, category_path, created_at DESC, id DESC);
DROP INDEX products_category;
CREATE INDEX products_category_newest ON products (status, category_path, created_at DESC, id DESC);
