-- The replay guard's signed ids in arrival order (store/guard.go). A Slack
-- slash command's id is its stamp and a random signature, so an insert
-- into events (keyed by the id) lands on a random leaf of that second's
-- range: about one WAL page per request. The writer records such an id in
-- a ring of slots instead (rewritten in place, in arrival order, in the
-- request's transaction), and merges the ring into events in key order a
-- few thousand at a time. Rows with seq > events_merged.merged are
-- recorded ids not yet in events.
CREATE TABLE events_pending (
    slot       INTEGER PRIMARY KEY,
    seq        INTEGER NOT NULL,
    platform   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE events_merged (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    merged INTEGER NOT NULL
);
INSERT INTO events_merged (id, merged) VALUES (1, 0);
