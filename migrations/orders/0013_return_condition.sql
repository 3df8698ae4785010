-- The state a returned item arrives in, recorded by whoever marks the return received (issue 11):
-- as_new and opened units go back on sale; a damaged unit is not restocked (a buyer must never be
-- sent a broken item as new), the refund rules stay the same whatever the condition.
-- NULL until the return is received; the note is what the receiver saw, in their words.
ALTER TABLE returns ADD COLUMN condition TEXT CHECK (condition IS NULL OR condition IN ('as_new', 'opened', 'damaged'));
ALTER TABLE returns ADD COLUMN condition_note TEXT;
