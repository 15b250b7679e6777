-- /healthz writes here (one row) to prove the database still takes writes:
-- a full disk or a read-only file must turn the health check red.
CREATE TABLE health (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at TEXT NOT NULL
);
