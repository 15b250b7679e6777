-- FAQ entries learned from the working group's answers to unanswered
-- questions (/kulturbot svar). The shipped FAQ is YAML in the binary; these
-- rows are added on top of it at start-up and indexed at once when written.
CREATE TABLE faq_entries (
    id          TEXT PRIMARY KEY,             -- "svar-12"
    section     TEXT NOT NULL DEFAULT '',
    question    TEXT NOT NULL,
    answer_nb   TEXT NOT NULL,
    answer_en   TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL,                -- language the question was asked in
    source      TEXT NOT NULL DEFAULT '',
    question_id INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    created_by  TEXT,                         -- admin user key; NULL after slett-meg
    platform    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Feedback is looked up per answer (digest: answers that got a thumbs down).
CREATE INDEX feedback_answer ON feedback(answer_id);
