-- The unanswered queue stays clean: the same question asked again (by
-- anyone; compared on folded text) while it is open is one case. asks
-- counts the times it was asked; question_askers holds everyone else who
-- asked, and where, so the working group's answer reaches all of them.
ALTER TABLE questions ADD COLUMN asks INTEGER NOT NULL DEFAULT 1;

CREATE TABLE question_askers (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    question    TEXT NOT NULL,                -- as this asker typed it
    lang        TEXT NOT NULL,
    asked_by    TEXT,                         -- user key; NULL after slett-meg
    asked_name  TEXT NOT NULL DEFAULT '',
    platform    TEXT NOT NULL,
    channel     TEXT NOT NULL DEFAULT '',
    thread      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX question_askers_question ON question_askers(question_id);
