-- Two things every RSVP paid for and nobody needed (docs/operations.md
-- "One core: the storage side").
--
-- 1. rsvps' answer check was `answer IN ('ja', 'nei', 'kanskje')`: SQLite
--    runs an IN list of three or more values through a temporary b-tree it
--    builds, fills and frees on every insert and again on every update, so
--    each answer opened and closed two throw-away b-trees (a pager, page
--    allocations) only to check one word. The same rule written with OR
--    is three comparisons. Same columns, same rule, same rows.
--
-- 2. The index rsvp_history(answered_by) put a page into the WAL on every
--    answer (the author's key lands anywhere in it). Nothing looks answers
--    up by their author but mine-data and slett-meg, which read every
--    table's *_by columns on request and may read this one whole.

CREATE TABLE rsvps_new (
    gathering_id     INTEGER NOT NULL REFERENCES gatherings(id),
    municipality_id  INTEGER NOT NULL REFERENCES municipalities(id),
    answer           TEXT NOT NULL CHECK (answer = 'ja' OR answer = 'nei' OR answer = 'kanskje'),
    headcount        INTEGER NOT NULL CHECK (headcount BETWEEN 0 AND 50),
    overnight        INTEGER CHECK (overnight IN (0, 1)),  -- NULL: not said
    answered_by      TEXT,
    answered_name    TEXT NOT NULL DEFAULT '',
    platform         TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    overnight_people INTEGER CHECK (overnight_people BETWEEN 0 AND 50),
    late             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (gathering_id, municipality_id)
) WITHOUT ROWID;
INSERT INTO rsvps_new (gathering_id, municipality_id, answer, headcount, overnight, answered_by, answered_name, platform,
                       created_at, updated_at, overnight_people, late)
    SELECT gathering_id, municipality_id, answer, headcount, overnight, answered_by, answered_name, platform,
           created_at, updated_at, overnight_people, late FROM rsvps;
DROP TABLE rsvps;
ALTER TABLE rsvps_new RENAME TO rsvps;

DROP INDEX IF EXISTS rsvp_history_by;
