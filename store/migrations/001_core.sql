-- Core schema. Times are UTC text (2006-01-02T15:04:05.000000Z); calendar
-- dates (gathering day, deadlines, mentoring day) are Oslo dates YYYY-MM-DD.
-- "*_by" columns hold a user key ("slack:U123"); NULL once that person asked
-- to be forgotten (slett-meg): the record stays for the programme.

CREATE TABLE municipalities (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    fold       TEXT NOT NULL UNIQUE,      -- bot.Fold(name): one municipality, one row
    created_by TEXT,                      -- who first named it
    platform   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    key             TEXT PRIMARY KEY,     -- platform:user_id
    platform        TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    municipality_id INTEGER REFERENCES municipalities(id),
    updated_at      TEXT NOT NULL
);

CREATE TABLE regions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    fold       TEXT NOT NULL UNIQUE,
    created_by TEXT,
    platform   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE region_municipalities (
    region_id       INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL UNIQUE REFERENCES municipalities(id), -- one region at a time
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, municipality_id)
);

CREATE TABLE gatherings (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    date         TEXT NOT NULL,
    place        TEXT NOT NULL,
    region_id    INTEGER REFERENCES regions(id),  -- NULL: national gathering
    deadline     TEXT,                              -- RSVP deadline (inclusive); NULL: open until the gathering day starts
    cancelled_at TEXT,
    cancelled_by TEXT,
    created_by   TEXT,
    platform     TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX gatherings_date ON gatherings(date);

-- The current answer per gathering and municipality.
CREATE TABLE rsvps (
    gathering_id    INTEGER NOT NULL REFERENCES gatherings(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    answer          TEXT NOT NULL CHECK (answer IN ('ja', 'nei', 'kanskje')),
    headcount       INTEGER NOT NULL CHECK (headcount BETWEEN 0 AND 50),
    overnight       INTEGER CHECK (overnight IN (0, 1)),  -- NULL: not said
    answered_by     TEXT,
    answered_name   TEXT NOT NULL DEFAULT '',
    platform        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (gathering_id, municipality_id)
);

-- Every answer ever given, in order; the current one is also in rsvps.
CREATE TABLE rsvp_history (
    id              INTEGER PRIMARY KEY,
    gathering_id    INTEGER NOT NULL REFERENCES gatherings(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    answer          TEXT NOT NULL,
    headcount       INTEGER NOT NULL,
    overnight       INTEGER,
    answered_by     TEXT,
    platform        TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX rsvp_history_g ON rsvp_history(gathering_id, municipality_id);
CREATE INDEX rsvp_history_by ON rsvp_history(answered_by);

CREATE TABLE interests (
    id           INTEGER PRIMARY KEY,
    county       TEXT NOT NULL,
    contact      TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    late         INTEGER NOT NULL DEFAULT 0,
    withdrawn_at TEXT,
    withdrawn_by TEXT,
    created_by   TEXT,
    created_name TEXT NOT NULL DEFAULT '',
    platform     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE interest_municipalities (
    interest_id     INTEGER NOT NULL REFERENCES interests(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (interest_id, municipality_id)
);
CREATE INDEX interest_municipalities_m ON interest_municipalities(municipality_id);
CREATE INDEX interests_created_by ON interests(created_by);

CREATE TABLE mentoring (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    date            TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    topic           TEXT NOT NULL CHECK (topic <> ''),
    note            TEXT NOT NULL DEFAULT '',
    created_by      TEXT,
    created_name    TEXT NOT NULL DEFAULT '',
    platform        TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX mentoring_m ON mentoring(municipality_id, date);

-- Every answer the bot gave to a question (for feedback, caching and the digest).
CREATE TABLE answers (
    id         INTEGER PRIMARY KEY,
    question   TEXT NOT NULL,
    lang       TEXT NOT NULL,
    answered   INTEGER NOT NULL,          -- 0: declined / no sure answer
    path       TEXT NOT NULL DEFAULT '',  -- faq, passage, llm
    entry_id   TEXT NOT NULL DEFAULT '',  -- FAQ entry or document chunk answered from
    score      REAL NOT NULL DEFAULT 0,
    answer     TEXT NOT NULL DEFAULT '',
    asked_by   TEXT,
    platform   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX answers_created ON answers(created_at);

-- Questions the bot could not answer, for the working group.
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    question    TEXT NOT NULL,
    lang        TEXT NOT NULL,
    asked_by    TEXT,
    asked_name  TEXT NOT NULL DEFAULT '',
    platform    TEXT NOT NULL,
    channel     TEXT NOT NULL DEFAULT '',
    thread      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    answer      TEXT,
    answered_by TEXT,
    answered_at TEXT
);
CREATE INDEX questions_open ON questions(answered_at, created_at);

CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    answer_id  INTEGER REFERENCES answers(id) ON DELETE SET NULL,
    entry_id   TEXT NOT NULL DEFAULT '',
    question   TEXT NOT NULL DEFAULT '',
    vote       INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_by   TEXT,
    platform   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (answer_id, voted_by)           -- one vote per person per answer; a new click replaces it
);

-- Platform event ids already handled (Slack event_id, Discord interaction id).
CREATE TABLE events (
    platform   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (platform, event_id)
);
