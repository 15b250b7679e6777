-- The weekly digest and the RSVP reminders, recorded so each is posted once.
--
-- A scheduled digest is identified by the scheduled time it belongs to
-- (period_end) and its channel: before posting, a row is written as
-- 'pending'; it becomes 'sent' only after the platform accepted the message,
-- and 'failed' (retried at the next tick or start) after repeated errors.
-- A pending row belongs to the process posting it (owner) for a few
-- minutes, so a second bot process on the same file does not post the same
-- digest at the same time; after that lease another process may retry.
-- Manual digests (`kulturbot digest --send`) are recorded too, with
-- kind 'manual' and period_end = the moment they were sent, so they never
-- stand in for a scheduled one.
CREATE TABLE digests (
    kind         TEXT NOT NULL DEFAULT 'scheduled' CHECK (kind IN ('scheduled', 'manual')),
    period_start TEXT NOT NULL,           -- UTC; start of the window the content covers
    period_end   TEXT NOT NULL,           -- UTC; the scheduled time (exclusive end of the window)
    channel      TEXT NOT NULL,           -- "slack:C123", "discord:456"
    status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL DEFAULT '', -- process posting it while pending (a lease)
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    sent_at      TEXT,
    PRIMARY KEY (kind, period_end, channel)
);
CREATE INDEX digests_sent ON digests(channel, status, period_end);

-- Reminders 7 days ('7d') and 1 day ('1d') before a gathering's RSVP deadline.
CREATE TABLE reminders (
    gathering_id INTEGER NOT NULL REFERENCES gatherings(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('7d', '1d')),
    channel      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    sent_at      TEXT,
    PRIMARY KEY (gathering_id, kind, channel)
);
