-- Corrections (issue 12): gatherings can be changed, cancelled and reopened,
-- and every correction by the working group leaves a history row.

-- sequence counts the changes of a gathering (change, cancel, reopen), so a
-- calendar feed can give each version of the event a higher SEQUENCE and
-- a Discord scheduled event can tell it is stale. updated_at is the last
-- such change (NULL: never changed since it was created).
ALTER TABLE gatherings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gatherings ADD COLUMN updated_at TEXT;

-- One row per correction: what (entity + key), which action, what changed
-- (a readable "field: old → new; ..." line), who, on which platform, when.
-- changed_by / changed_name follow the privacy convention (*_by, *_name),
-- so mine-data and slett-meg cover this table without a list.
CREATE TABLE changes (
    id           INTEGER PRIMARY KEY,
    entity       TEXT NOT NULL,            -- 'gathering', 'region', 'mentoring', 'rsvp'
    entity_key   TEXT NOT NULL,            -- gathering/mentoring id, region id, "gathering_id/municipality_id"
    action       TEXT NOT NULL,            -- 'change', 'cancel', 'reopen', 'delete', 'late'
    detail       TEXT NOT NULL DEFAULT '',
    changed_by   TEXT,
    changed_name TEXT NOT NULL DEFAULT '',
    platform     TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes(entity, entity_key, id);
