-- Discord scheduled events (issue 15): one row per gathering that has (or
-- should have) a guild scheduled event. synced_sequence is the gathering's
-- sequence the event last matched (-1: never), so the syncer can tell what
-- is stale after a restart, a failure or a change made while Discord was
-- down, without a queue.
CREATE TABLE gathering_discord_events (
    gathering_id    INTEGER PRIMARY KEY REFERENCES gatherings(id),
    guild_id        TEXT NOT NULL,
    event_id        TEXT NOT NULL DEFAULT '',   -- '' until Discord created it
    canceled        INTEGER NOT NULL DEFAULT 0, -- the Discord event is cancelled (a reopened gathering gets a new one)
    synced_sequence INTEGER NOT NULL DEFAULT -1,
    attempts        INTEGER NOT NULL DEFAULT 0, -- failures in a row
    last_error      TEXT NOT NULL DEFAULT '',
    next_try        TEXT NOT NULL DEFAULT '',   -- no new attempt before this (backoff)
    updated_at      TEXT NOT NULL
);
