-- Search over what a shopper means, not only what a title says: a laptop titled "HP 250 G9" is
-- found by "hp laptop" because its category's name is indexed beside its title. Columns, in
-- bm25 weight order: title, leaf (the product's own category), parents (the ancestors' names),
-- description.
--
-- The index reads its text from a view (external content), so it stores no copy of it.
-- A category renamed later leaves its products indexed under the old name until they are
-- re-indexed: renames rebuild the index (INSERT INTO products_search(products_search) VALUES ('rebuild')).
CREATE VIEW products_search_content AS
SELECT
  p.rowid AS product_rowid,
  p.title AS title,
  (SELECT c.name FROM categories c WHERE c.id = p.category_id) AS leaf,
  (SELECT group_concat(c.name, ' ') FROM categories c
    WHERE p.category_path > c.path AND substr(p.category_path, 1, length(c.path)) = c.path) AS parents,
  p.description AS description
FROM products p;

CREATE VIRTUAL TABLE products_search USING fts5(
  title, leaf, parents, description,
  content='products_search_content', content_rowid='product_rowid', tokenize='porter unicode61', prefix='2 3 4'
);

CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_search (rowid, title, leaf, parents, description)
  SELECT product_rowid, title, leaf, parents, description FROM products_search_content WHERE product_rowid = new.rowid;
END;
-- An external-content delete must repeat the indexed text exactly: the old row's, with its old category's names.
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_search (products_search, rowid, title, leaf, parents, description) VALUES (
    'delete', old.rowid, old.title,
    (SELECT c.name FROM categories c WHERE c.id = old.category_id),
    (SELECT group_concat(c.name, ' ') FROM categories c
      WHERE old.category_path > c.path AND substr(old.category_path, 1, length(c.path)) = c.path),
    old.description);
END;
CREATE TRIGGER products_search_update AFTER UPDATE OF title, description, category_id, category_path ON products BEGIN
  INSERT INTO products_search (products_search, rowid, title, leaf, parents, description) VALUES (
    'delete', old.rowid, old.title,
    (SELECT c.name FROM categories c WHERE c.id = old.category_id),
    (SELECT group_concat(c.name, ' ') FROM categories c
      WHERE old.category_path > c.path AND substr(old.category_path, 1, length(c.path)) = c.path),
    old.description);
  INSERT INTO products_search (rowid, title, leaf, parents, description)
  SELECT product_rowid, title, leaf, parents, description FROM products_search_content WHERE product_rowid = new.rowid;
END;

DROP TRIGGER products_fts_insert;
DROP TRIGGER products_fts_delete;
DROP TRIGGER products_fts_update;
DROP TABLE products_fts;
INSERT INTO products_search (products_search) VALUES ('rebuild');

-- Synonyms and local names, as data an admin edits (GET/PUT /v1/admin/search/synonyms): a query
-- word also matches each of its synonyms (a synonym may be a phrase). Stored both ways where the
-- relation is symmetric.
CREATE TABLE search_synonyms (
  term TEXT NOT NULL,
  synonym TEXT NOT NULL,
  PRIMARY KEY (term, synonym)
) WITHOUT ROWID;
INSERT INTO search_synonyms (term, synonym) VALUES
  ('fridge', 'refrigerator'), ('refrigerator', 'fridge'),
  ('sufuria', 'cooking pot'), ('sufuria', 'saucepan'), ('pot', 'sufuria'),
  ('garri', 'gari'), ('gari', 'garri'),
  ('ankara', 'african print'), ('ankara', 'wax print'), ('kitenge', 'ankara'), ('chitenge', 'ankara'),
  ('tv', 'television'), ('television', 'tv'),
  ('phone', 'smartphone'), ('phone', 'mobile'), ('mobile', 'phone'), ('cellphone', 'phone'), ('simu', 'phone'),
  ('laptop', 'notebook'), ('notebook', 'laptop'),
  ('sneakers', 'trainers'), ('trainers', 'sneakers'), ('shoe', 'sneakers'), ('shoes', 'sneakers'),
  ('earphones', 'earbuds'), ('earbuds', 'earphones'), ('headphones', 'earphones'),
  ('powerbank', 'power bank'), ('nappies', 'diapers'), ('diapers', 'nappies'),
  ('perfume', 'fragrance'), ('scent', 'perfume'), ('cologne', 'perfume'),
  ('couch', 'sofa'), ('sofa', 'couch'), ('bike', 'bicycle'), ('bicycle', 'bike'),
  ('genset', 'generator'), ('jikoni', 'kitchen'), ('mafuta', 'cooking oil'), ('mchele', 'rice'), ('riz', 'rice');
