-- Discovery (issues 16/17): a popularity signal for ranking, and "viewed also viewed".
--
-- Popularity in [0, 1) from what sold (the recommendations cron adds to `sales`) and how it is rated
-- (rating_average/rating_count, kept by the review events): a virtual generated column, so it is
-- never stale and costs no write of its own. Saturating: 20 sales give half the sales weight.
ALTER TABLE products ADD COLUMN sales INTEGER NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN popularity REAL GENERATED ALWAYS AS (
  0.6 * sales / (sales + 20.0)
  + 0.4 * (CASE WHEN rating_count > 0 AND rating_average IS NOT NULL
             THEN ((rating_average - 1.0) / 4.0) * rating_count / (rating_count + 5.0) ELSE 0.0 END)
) VIRTUAL;
UPDATE products SET sales = coalesce((SELECT n FROM product_sales s WHERE s.product_id = products.id), 0)
 WHERE id IN (SELECT product_id FROM product_sales);

-- Product views, one row per (browsing session, product): the primary key is what makes a view
-- count once per session however often the page is reloaded or the event redelivered.
-- `day` buckets sessions so a long-lived cookie does not join unrelated visits.
CREATE TABLE product_views (
  session TEXT NOT NULL,
  product_id TEXT NOT NULL,
  viewed_at INTEGER NOT NULL,
  -- The consumer run that counted this view: its co-view pairs are added only by that run.
  run TEXT NOT NULL,
  PRIMARY KEY (session, product_id)
) WITHOUT ROWID;
CREATE INDEX product_views_time ON product_views (viewed_at);

-- "Shoppers who viewed this also viewed": pairs of products viewed in one session, both directions.
CREATE TABLE co_views (
  product_id TEXT NOT NULL,
  other_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (product_id, other_id)
) WITHOUT ROWID;
CREATE INDEX co_views_top ON co_views (product_id, n DESC);

-- Brands suggest completes ("sams" → Samsung, "infinx" → Infinix), as data like the synonyms:
-- `key` is the lowercased name the query's last word is compared with. A brand is offered only
-- while an active product's title carries it.
CREATE TABLE brands (
  name TEXT PRIMARY KEY,
  key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX brands_key ON brands (key);
INSERT INTO brands (name, key) VALUES
  ('Samsung', 'samsung'), ('Apple', 'apple'), ('HP', 'hp'), ('itel', 'itel'), ('Xiaomi', 'xiaomi'),
  ('Redmi', 'redmi'), ('Tecno', 'tecno'), ('Infinix', 'infinix'), ('Oraimo', 'oraimo'), ('Lenovo', 'lenovo'),
  ('Sony', 'sony'), ('Nokia', 'nokia'), ('LG', 'lg'), ('Hisense', 'hisense'), ('Dell', 'dell'),
  ('Canon', 'canon'), ('Philips', 'philips'), ('Nexus', 'nexus'), ('Logitech', 'logitech'), ('JBL', 'jbl'),
  ('Anker', 'anker'), ('Xbox', 'xbox'), ('Vitron', 'vitron'), ('TP-Link', 'tp-link'), ('TCL', 'tcl'),
  ('Scanfrost', 'scanfrost'), ('SanDisk', 'sandisk'), ('Ramtons', 'ramtons'), ('Pampers', 'pampers'),
  ('Oppo', 'oppo'), ('Nike', 'nike'), ('Maybelline', 'maybelline'), ('Lattafa', 'lattafa'),
  ('Huggies', 'huggies'), ('Huawei', 'huawei'), ('Epson', 'epson'), ('Casio', 'casio'),
  ('Binatone', 'binatone'), ('Baseus', 'baseus'), ('Asus', 'asus'), ('Adidas', 'adidas'),
  ('Realme', 'realme'), ('Vivo', 'vivo'), ('Google', 'google'), ('Haier', 'haier'),
  ('Thermocool', 'thermocool'), ('Midea', 'midea'), ('Bruhm', 'bruhm'), ('Defy', 'defy'),
  ('Syinix', 'syinix'), ('Skyworth', 'skyworth'), ('Polystar', 'polystar'), ('Sayona', 'sayona'),
  ('Acer', 'acer'), ('Puma', 'puma'), ('Nivea', 'nivea'), ('Vaseline', 'vaseline'), ('Dove', 'dove'),
  ('Bata', 'bata'), ('Toshiba', 'toshiba'), ('Panasonic', 'panasonic'), ('Microsoft', 'microsoft');
