-- The municipality register (store/kommuner, KULTURBOT_KOMMUNER). Every
-- municipality row the bot writes from now on is a register entry, linked by
-- its kommunenummer; rows typed before the register existed are linked at
-- start-up when their name resolves to one entry, and the rest (misspellings,
-- a bare "Herøy") stay with number NULL until the working group merges them
-- (`kulturbot kommuner sjekk`, `/kulturbot kommune-slå-sammen FRA TIL`).
ALTER TABLE municipalities ADD COLUMN number TEXT;  -- kommunenummer; NULL: a name outside the register
CREATE UNIQUE INDEX municipalities_number ON municipalities(number) WHERE number IS NOT NULL;

-- Which register the rows were last linked against, so start-up links again
-- only when the register (or the data) changed.
CREATE TABLE municipality_register (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    hash      TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT '',
    entries   INTEGER NOT NULL,
    synced_at TEXT NOT NULL
);

-- Every merge of one municipality row into another: by an admin
-- (kommune-slå-sammen) or by the register link at start-up ("Saltdal
-- kommune" and "Saltdal" were two rows before). Nothing is dropped without
-- a line here saying what moved.
CREATE TABLE municipality_merges (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL,           -- the row that is gone
    from_name   TEXT NOT NULL,
    to_id       INTEGER NOT NULL,           -- no foreign key: history outlives a later merge of to_id
    to_name     TEXT NOT NULL,
    to_number   TEXT,
    reason      TEXT NOT NULL CHECK (reason IN ('admin', 'register')),
    rsvps       INTEGER NOT NULL DEFAULT 0,  -- rows moved, per kind
    history     INTEGER NOT NULL DEFAULT 0,
    interests   INTEGER NOT NULL DEFAULT 0,
    mentoring   INTEGER NOT NULL DEFAULT 0,
    regions     INTEGER NOT NULL DEFAULT 0,
    users       INTEGER NOT NULL DEFAULT 0,
    guests      INTEGER NOT NULL DEFAULT 0,
    dropped     TEXT NOT NULL DEFAULT '',   -- what could not move as it was (both had an answer, both in a region), said in words
    merged_by   TEXT,                       -- admin's user key; NULL for the register link or after slett-meg
    platform    TEXT NOT NULL DEFAULT '',
    merged_at   TEXT NOT NULL
);

-- Municipalities outside a gathering's region that an admin let answer it
-- (/samling gjest ID kommune=...).
CREATE TABLE gathering_guests (
    gathering_id    INTEGER NOT NULL REFERENCES gatherings(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    added_by        TEXT,
    platform        TEXT NOT NULL,
    added_at        TEXT NOT NULL,
    PRIMARY KEY (gathering_id, municipality_id)
);
