-- Framework documents ingested for answering (faq/docs): the documents,
-- their chunks, a full-text index over the chunks and optional embeddings.

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,         -- file name; the key for --remove
    title       TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',     -- where it was read from
    sha256      TEXT NOT NULL,                -- unchanged content is not re-ingested
    pages       INTEGER NOT NULL DEFAULT 0,
    chunks      INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL,                -- UTC
    ingested_by TEXT NOT NULL DEFAULT ''      -- user key ("slack:U123", "cli")
);

-- AUTOINCREMENT: a replaced document's chunks never reuse old ids, so a
-- cached answer or vector can never point at a different passage.
CREATE TABLE chunks (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    page    INTEGER NOT NULL DEFAULT 0,       -- 1-based; 0 when the format has no pages
    text    TEXT NOT NULL,
    terms   TEXT NOT NULL DEFAULT '',         -- analysed section+text, as indexed
    UNIQUE (doc_id, ord)
);

-- Contentless index (the text lives in chunks); rowid = chunks.id. The Go
-- side analyses the text first (lower case, stemming, æøå folding), so the
-- tokenizer only splits on spaces.
CREATE VIRTUAL TABLE chunks_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

-- Document frequencies of terms, for the confidence of a hit.
CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab('chunks_fts', 'row');

-- One embedding per chunk, for the model it was computed with; a chunk
-- whose model differs from the configured one is recomputed.
CREATE TABLE embeddings (
    chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
    model    TEXT NOT NULL,
    dim      INTEGER NOT NULL,
    vector   BLOB NOT NULL                    -- dim little-endian float32
);
CREATE INDEX embeddings_model ON embeddings(model);
