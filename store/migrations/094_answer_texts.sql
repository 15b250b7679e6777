-- Each distinct answer text is stored once (issue 16, round 10). About
-- three quarters of an answer-log row was the answer's text, and the FAQ
-- gives the same few hundred texts over and over: a batch of 128 /faq
-- answers wrote ~13 pages of the answers table into the WAL, most of it
-- copies of texts already in the file (docs/operations.md "Round 10:
-- answer texts once"). Now a row names its text by id; the writer keeps
-- a text -> id map (writeCache) so a batch normally looks nothing up.
--
-- hash is kulturbot_text_hash(text) (FNV-1a, 64 bits; a Go function the
-- store registers with the driver): the look-up of a text the writer has
-- not cached goes through its index, which is 8 bytes an entry where an
-- index on the text itself would hold every text a second time. Equal
-- hashes are told apart by the text.
--
-- Declined questions have no text: their text_id is NULL. Texts no row
-- names any longer are deleted by the daily retention pass.
CREATE TABLE answer_texts (
    id   INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (text <> '')
);
CREATE INDEX answer_texts_hash ON answer_texts(hash);

INSERT INTO answer_texts (hash, text)
    SELECT kulturbot_text_hash(answer), answer FROM answers WHERE answer <> '' GROUP BY answer ORDER BY MIN(id);

-- No REFERENCES clause: with foreign keys on, deleting a text would scan
-- the whole answer log for rows naming it (there is no index on text_id,
-- which would cost a page per batch), and the store alone writes both.
ALTER TABLE answers ADD COLUMN text_id INTEGER;
-- Rows find their text through a temporary index on it (not the hash:
-- a Go call per row; 300,000 rows: ~1.9 s of CPU in all, ~2.5 with it).
CREATE INDEX answer_texts_move ON answer_texts(text);
UPDATE answers SET text_id = (SELECT t.id FROM answer_texts t WHERE t.text = answers.answer)
    WHERE answer <> '';
DROP INDEX answer_texts_move;
ALTER TABLE answers DROP COLUMN answer;
