-- Two tables every RSVP writes to are keyed by a composite primary key:
-- stored as rowid tables, each insert or update touched two b-trees (the
-- table and the key's automatic index), so two pages more in the WAL per
-- answer. WITHOUT ROWID keeps each in one b-tree ordered by its key
-- (docs/operations.md "One core"). Same columns, constraints and rows.

CREATE TABLE events_new (
    platform   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
INSERT INTO events_new (platform, event_id, created_at) SELECT platform, event_id, created_at FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;

CREATE TABLE rsvps_new (
    gathering_id     INTEGER NOT NULL REFERENCES gatherings(id),
    municipality_id  INTEGER NOT NULL REFERENCES municipalities(id),
    answer           TEXT NOT NULL CHECK (answer IN ('ja', 'nei', 'kanskje')),
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
